package io.scribehook.hub.webhooks;

import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.TypeRuntimeWiring;
import io.scribehook.core.event.ThinEvent;
import io.scribehook.core.http.ApiException;
import io.scribehook.delivery.DeliveryEngine;
import io.scribehook.delivery.Outbox;
import io.scribehook.delivery.registry.FieldError;
import io.scribehook.delivery.registry.RegistryResult;
import io.scribehook.delivery.registry.Webhook;
import io.scribehook.delivery.registry.WebhookPage;
import io.scribehook.delivery.registry.WebhookRegistry;
import io.scribehook.delivery.send.AttemptLog;
import io.scribehook.hub.graphql.FieldNames;
import io.scribehook.hub.graphql.GraphQlPart;
import io.scribehook.hub.graphql.HubDates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The webhook part of the API over the delivery engine's {@link WebhookRegistry}: queries {@code
 * webhook(id)} and {@code webhooks(first, after)}, mutations {@code createWebhook}, {@code
 * updateWebhook}, {@code deleteWebhook}, {@code expireWebhookSignature} and {@code sendTestWebhook};
 * {@code sentWebhooks} over the attempt log. Validation problems come
 * back in {@code messages { field message }}, as Healthie reports them.
 */
public final class WebhookApi implements GraphQlPart {
    /** Webhooks per page of {@code webhooks} when {@code first} is not given. */
    public static final int DEFAULT_PAGE = 20;

    private static final String NOT_FOUND = "Webhook not found";

    /** Attempts per answer of {@code sentWebhooks} when {@code first} is not given. */
    public static final int DEFAULT_SENT = 100;

    /** The resource of a test delivery when none is given: the guide's sample appointment id. */
    public static final String TEST_RESOURCE_ID = "12345";

    private final WebhookRegistry registry;
    private final AttemptLog attempts;
    private final Outbox outbox;
    private final Clock clock;

    /** Serves {@code engine}'s registry, attempt log and (for {@code sendTestWebhook}) outbox. */
    public WebhookApi(DeliveryEngine engine, Clock clock) {
        this.registry = engine.registry();
        this.attempts = engine.attempts();
        this.outbox = engine.outbox();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public List<String> schemaResources() {
        return List.of("graphql/webhooks.graphqls");
    }

    /** The guide's document declares {@code $input: CreateWebhookInput!}; the real API's type is {@code createWebhookInput}. */
    @Override
    public Map<String, String> inputTypeAliases() {
        return Map.of("CreateWebhookInput", "createWebhookInput");
    }

    @Override
    public void wire(RuntimeWiring.Builder wiring) {
        wiring.type(TypeRuntimeWiring.newTypeWiring("Query")
                .dataFetcher("webhook", this::webhook)
                .dataFetcher("webhooks", this::webhooks)
                .dataFetcher("sentWebhooks", this::sent)
                .dataFetcher("sentWebhooksConnection", this::sentConnection));
        wiring.type(TypeRuntimeWiring.newTypeWiring("Mutation")
                .dataFetcher("createWebhook", this::create)
                .dataFetcher("updateWebhook", this::update)
                .dataFetcher("deleteWebhook", this::delete)
                .dataFetcher("expireWebhookSignature", this::expireSignature)
                .dataFetcher("sendTestWebhook", this::sendTest));
    }

    private Object webhook(DataFetchingEnvironment env) {
        return id(env.getArgument("id"))
                .flatMap(registry::get)
                .<Object>map(this::view)
                .orElseGet(() -> error(env, NOT_FOUND, "NOT_FOUND"));
    }

    private Object webhooks(DataFetchingEnvironment env) {
        Integer first = env.getArgument("first");
        String after = env.getArgument("after");
        Object enabled =
                env.getArgument("is_enabled") != null ? env.getArgument("is_enabled") : env.getArgument("isEnabled");
        WebhookRegistry.ListFilter filter = new WebhookRegistry.ListFilter(
                firstText(env, "url", "url"), (Boolean) enabled, firstText(env, "event_type", "eventType"));
        try {
            WebhookPage page = registry.list(first == null ? DEFAULT_PAGE : first, after, filter);
            return WebhookViews.page(
                    page,
                    registry.subscriptions(
                            page.nodes().stream().map(Webhook::id).toList()),
                    clock.instant());
        } catch (ApiException e) {
            return error(env, e.getMessage(), "BAD_USER_INPUT");
        }
    }

    /** A webhook as the API shows it, with its subscriptions' ids and health. */
    private Map<String, Object> view(Webhook w) {
        return WebhookViews.webhook(
                w, registry.subscriptions(List.of(w.id())).getOrDefault(w.id(), List.of()), clock.instant());
    }

    private Object sent(DataFetchingEnvironment env) {
        return sentQuery(env, false);
    }

    private Object sentConnection(DataFetchingEnvironment env) {
        return sentQuery(env, true);
    }

    /** {@code sentWebhooks} (a list) and {@code sentWebhooksConnection} (nodes, page_info, total_count). */
    private Object sentQuery(DataFetchingEnvironment env, boolean connection) {
        String after = firstText(env, "sent_after", "sentAfter");
        String before = firstText(env, "sent_before", "sentBefore");
        Optional<Instant> from = after == null ? Optional.empty() : HubDates.parse(after);
        Optional<Instant> to = before == null ? Optional.empty() : HubDates.parse(before);
        if ((after != null && from.isEmpty()) || (before != null && to.isEmpty())) {
            return error(
                    env,
                    "sent_after and sent_before must be dates (2026-03-01) or date-times with an offset",
                    "BAD_USER_INPUT");
        }
        String webhook = firstText(env, "webhook_id", "webhookId");
        Optional<Long> webhookId = id(webhook);
        if (webhook != null && webhookId.isEmpty()) {
            return connection ? WebhookViews.sentPage(new AttemptLog.Page(List.of(), null, false, 0)) : List.of();
        }
        Integer first = env.getArgument("first");
        Integer offset = env.getArgument("offset");
        AttemptLog.Filter filter = new AttemptLog.Filter(
                env.getArgument("failed"),
                firstText(env, "resource_id", "resourceId"),
                firstText(env, "resource_type", "resourceType"),
                webhookId.orElse(null),
                from.orElse(null),
                to.orElse(null));
        try {
            AttemptLog.Page page = attempts.page(
                    filter,
                    first == null ? DEFAULT_SENT : first,
                    env.getArgument("after"),
                    offset == null ? 0 : offset);
            return connection
                    ? WebhookViews.sentPage(page)
                    : page.nodes().stream().map(WebhookViews::attempt).toList();
        } catch (ApiException e) {
            return error(env, e.getMessage().replace("limit", "first"), "BAD_USER_INPUT");
        }
    }

    private static String firstText(DataFetchingEnvironment env, String a, String b) {
        Object v = env.getArgument(a) != null ? env.getArgument(a) : env.getArgument(b);
        return v == null ? null : v.toString();
    }

    private Object create(DataFetchingEnvironment env) {
        return switch (WebhookInputReader.read(env.getArgument("input"))) {
            case WebhookInputReader.Invalid i -> WebhookViews.payload(null, i.errors());
            case WebhookInputReader.Valid v -> payload(registry.create(v.input()));
        };
    }

    private Object update(DataFetchingEnvironment env) {
        Map<String, Object> input = env.getArgument("input");
        Optional<Long> id = id(input.get("id"));
        if (id.isEmpty()) {
            return notFound();
        }
        return switch (WebhookInputReader.read(input)) {
            case WebhookInputReader.Invalid i -> WebhookViews.payload(null, i.errors());
            case WebhookInputReader.Valid v -> payload(registry.update(id.get(), v.input()));
        };
    }

    private Object delete(DataFetchingEnvironment env) {
        Map<String, Object> input = env.getArgument("input");
        var found = id(input.get("id")).flatMap(registry::get);
        if (found.isEmpty()) {
            return notFound();
        }
        Map<String, Object> before = view(found.get());
        if (!registry.delete(found.get().id())) {
            return notFound();
        }
        return WebhookViews.payload(before, List.of());
    }

    private Object expireSignature(DataFetchingEnvironment env) {
        Map<String, Object> input = env.getArgument("input");
        Optional<Long> id = id(input.get("id"));
        if (id.isEmpty()) {
            return notFound();
        }
        Object raw = input.get("overlap");
        Duration overlap = null;
        if (raw != null && !raw.toString().isBlank()) {
            Optional<Duration> parsed = duration(raw.toString().strip());
            if (parsed.isEmpty()) {
                return WebhookViews.payload(
                        null,
                        List.of(new FieldError(
                                "overlap", "overlap is an ISO-8601 duration (such as PT24H) or a number of seconds")));
            }
            overlap = parsed.get();
        }
        return payload(registry.expireSignature(id.get(), overlap));
    }

    private Object sendTest(DataFetchingEnvironment env) {
        Map<String, Object> input = env.getArgument("input");
        Optional<Webhook> found = id(input.get("id")).flatMap(registry::get);
        Map<String, Object> answer;
        if (found.isEmpty()) {
            answer = notFound();
        } else {
            Webhook w = found.get();
            Object type = FieldNames.get(input, "event_type");
            String eventType =
                    type == null ? w.eventTypes().get(0) : type.toString().strip();
            Object resource = FieldNames.get(input, "resource_id");
            String resourceId =
                    resource == null ? TEST_RESOURCE_ID : resource.toString().strip();
            if (!WebhookInputReader.acceptedEventType(eventType)) {
                answer = WebhookViews.payload(
                        null,
                        List.of(new FieldError(
                                "event_type",
                                "event_type is not supported: use an appointment event (such as"
                                        + " appointment.transcript_available), scribe.* or webhook.*")));
            } else if (resourceId.isEmpty() || resourceId.length() > 64) {
                answer = WebhookViews.payload(
                        null, List.of(new FieldError("resource_id", "resource_id must be 1 to 64 characters")));
            } else {
                outbox.enqueueTest(ThinEvent.of(eventType, resourceId, "Appointment", w.shape()), w.id());
                answer = WebhookViews.payload(view(w), List.of());
                answer.put("sent", true);
                return answer;
            }
        }
        answer.put("sent", false);
        return answer;
    }

    private Map<String, Object> payload(RegistryResult result) {
        return switch (result) {
            case RegistryResult.Saved s -> WebhookViews.payload(view(s.webhook()), List.of());
            case RegistryResult.Invalid i -> WebhookViews.payload(null, i.errors());
            case RegistryResult.NotFound n -> notFound();
        };
    }

    private static Map<String, Object> notFound() {
        return WebhookViews.payload(null, List.of(new FieldError("id", NOT_FOUND)));
    }

    private static Object error(DataFetchingEnvironment env, String message, String code) {
        return DataFetcherResult.newResult()
                .error(GraphqlErrorBuilder.newError(env)
                        .message(message)
                        .extensions(Map.of("code", code))
                        .build())
                .build();
    }

    private static Optional<Duration> duration(String text) {
        try {
            return Optional.of(
                    text.chars().allMatch(Character::isDigit) && text.length() <= 9
                            ? Duration.ofSeconds(Long.parseLong(text))
                            : Duration.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> id(Object raw) {
        if (raw == null) {
            return Optional.empty();
        }
        try {
            long id = Long.parseLong(raw.toString().strip());
            return id > 0 ? Optional.of(id) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
