package io.scribehook.delivery.registry;

import java.util.List;

/**
 * One page of {@link WebhookRegistry#list}: a connection as GraphQL serves it.
 *
 * @param nodes       the webhooks of this page, by id
 * @param endCursor   the cursor to pass as {@code after} for the next page; null on an empty page
 * @param hasNextPage whether more webhooks follow
 * @param totalCount  all webhooks, on every page
 */
public record WebhookPage(List<Webhook> nodes, String endCursor, boolean hasNextPage, long totalCount) {
    public WebhookPage {
        nodes = List.copyOf(nodes);
    }
}
