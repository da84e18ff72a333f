package io.scribehook.receiver.healthie;

import java.util.List;

/** One page of {@code webhooks(first, after)}; pass {@link #endCursor()} as the next {@code after}. */
public record WebhookPage(List<Webhook> nodes, boolean hasNextPage, String endCursor, int totalCount) {
    public WebhookPage {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }
}
