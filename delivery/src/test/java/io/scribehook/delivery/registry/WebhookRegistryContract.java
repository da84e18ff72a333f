package io.scribehook.delivery.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scribehook.core.event.BodyShape;
import io.scribehook.core.http.ApiException;
import io.scribehook.core.time.ManualClock;
import io.scribehook.signatures.Profile;
import io.scribehook.store.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry on every database, by a small subclass per dialect. */
public abstract class WebhookRegistryContract {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    protected Database db;
    ManualClock clock;
    WebhookRegistry registry;

    protected abstract Database openDatabase();

    @BeforeEach
    void open() {
        db = openDatabase();
        clock = new ManualClock(T0);
        registry = new WebhookRegistry(db, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Webhook created(WebhookInput in) {
        return ((RegistryResult.Saved) registry.create(in)).webhook();
    }

    @Test
    void create_stores_defaults_a_new_secret_and_sorted_event_types() {
        Webhook w = created(WebhookInput.of(
                " https://example.com/hooks?x=1 ",
                List.of("appointment.updated", "appointment.created", "appointment.created")));
        assertThat(w.url()).isEqualTo("https://example.com/hooks?x=1");
        assertThat(w.enabled()).isTrue();
        assertThat(w.shouldRetry()).isTrue();
        assertThat(w.profile()).isEqualTo(Profile.GUIDE);
        assertThat(w.shape()).isEqualTo(BodyShape.REFERENCE);
        assertThat(w.eventTypes()).containsExactly("appointment.created", "appointment.updated");
        assertThat(w.secret().value()).startsWith("whsec_").hasSize(6 + 32);
        assertThat(w.previous()).isNull();
        assertThat(w.createdAt()).isEqualTo(T0);
        assertThat(w.toString()).doesNotContain(w.secret().value());
        assertThat(registry.get(w.id())).contains(w);
        Webhook other = created(WebhookInput.of("http://example.org/", List.of("x.y")));
        assertThat(other.secret().value()).isNotEqualTo(w.secret().value());
        assertThat(other.secret().keyId()).isNotEqualTo(w.secret().keyId());
    }

    @Test
    void invalid_input_names_each_field_and_stores_nothing() {
        RegistryResult r =
                registry.create(new WebhookInput("ftp://example.com/x", null, null, List.of(), "hmac", "xml"));
        assertThat(r).isInstanceOf(RegistryResult.Invalid.class);
        assertThat(((RegistryResult.Invalid) r).errors())
                .extracting(FieldError::field)
                .containsExactly("url", "webhook_events", "signature_profile", "body_shape");
        assertThat(((RegistryResult.Invalid) registry.create(WebhookInput.of(null, List.of("a.b")))).errors())
                .containsExactly(new FieldError("url", "url is required"));
        for (String bad :
                List.of("https://user:pw@example.com/", "https:///nohost", "https://e.com/#frag", "not a url")) {
            assertThat(registry.create(WebhookInput.of(bad, List.of("a.b"))))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            RegistryResult.Invalid.class,
                            i -> assertThat(i.errors().get(0).field()).isEqualTo("url"));
        }
        assertThat(registry.create(WebhookInput.of("https://e.com/", List.of("bad type!"))))
                .isInstanceOfSatisfying(
                        RegistryResult.Invalid.class,
                        i -> assertThat(i.errors().get(0).field()).isEqualTo("webhook_events"));
        assertThat(registry.list(10, null).totalCount()).isZero();
    }

    @Test
    void update_changes_only_given_fields_and_reenabling_clears_the_streak() {
        Webhook w = created(WebhookInput.of("https://e.com/a", List.of("a.b")).withProfile("healthie-rfc9421"));
        clock.advance(Duration.ofMinutes(1));
        db.writer().write(h -> {
            WebhookRegistry.recordFailure(h, w.id(), clock.instant());
            WebhookRegistry.markWarned(h, w.id(), clock.instant());
            return WebhookRegistry.disable(h, w.id(), "continuous_failure", clock.instant());
        });
        Webhook disabled = registry.get(w.id()).orElseThrow();
        assertThat(disabled.enabled()).isFalse();
        assertThat(disabled.disabledReason()).isEqualTo("continuous_failure");
        assertThat(disabled.warnedAt()).isEqualTo(clock.instant());

        Webhook changed = ((RegistryResult.Saved) registry.update(
                        w.id(), WebhookInput.unchanged().withShape("guide").withEventTypes(List.of("c.d", "e.f"))))
                .webhook();
        assertThat(changed.shape()).isEqualTo(BodyShape.GUIDE);
        assertThat(changed.profile()).isEqualTo(Profile.HEALTHIE_RFC9421);
        assertThat(changed.url()).isEqualTo("https://e.com/a");
        assertThat(changed.eventTypes()).containsExactly("c.d", "e.f");
        assertThat(changed.enabled()).isFalse();
        assertThat(changed.secret()).isEqualTo(w.secret());

        Webhook enabled = ((RegistryResult.Saved)
                        registry.update(w.id(), WebhookInput.unchanged().withEnabled(true)))
                .webhook();
        assertThat(enabled.enabled()).isTrue();
        assertThat(enabled.failingSince()).isNull();
        assertThat(enabled.warnedAt()).isNull();
        assertThat(enabled.disabledReason()).isNull();

        assertThat(registry.update(999_999, WebhookInput.unchanged())).isEqualTo(new RegistryResult.NotFound(999_999));
        assertThat(registry.update(w.id(), WebhookInput.unchanged().withUrl("javascript:x")))
                .isInstanceOf(RegistryResult.Invalid.class);
    }

    @Test
    void subscribers_are_the_enabled_webhooks_of_an_event_type() {
        Webhook a = created(WebhookInput.of("https://e.com/a", List.of("a.b", "c.d")));
        Webhook b = created(WebhookInput.of("https://e.com/b", List.of("a.b")).withShouldRetry(false));
        Webhook c = created(WebhookInput.of("https://e.com/c", List.of("a.b")).withEnabled(false));
        assertThat(subscribers("a.b"))
                .containsExactly(
                        new WebhookRegistry.Subscriber(a.id(), true), new WebhookRegistry.Subscriber(b.id(), false));
        assertThat(subscribers("c.d")).containsExactly(new WebhookRegistry.Subscriber(a.id(), true));
        assertThat(registry.delete(a.id())).isTrue();
        assertThat(registry.delete(a.id())).isFalse();
        assertThat(subscribers("c.d")).isEmpty();
        assertThat(c.enabled()).isFalse();
    }

    private List<WebhookRegistry.Subscriber> subscribers(String type) {
        return db.withHandle(h -> WebhookRegistry.subscribers(h, type));
    }

    @Test
    void list_pages_by_cursor_with_a_total() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(created(WebhookInput.of("https://e.com/" + i, List.of("a.b")))
                    .id());
        }
        WebhookPage p1 = registry.list(2, null);
        assertThat(p1.nodes()).extracting(Webhook::id).containsExactly(ids.get(0), ids.get(1));
        assertThat(p1.hasNextPage()).isTrue();
        assertThat(p1.totalCount()).isEqualTo(5);
        WebhookPage p3 = registry.list(2, registry.list(2, p1.endCursor()).endCursor());
        assertThat(p3.nodes()).extracting(Webhook::id).containsExactly(ids.get(4));
        assertThat(p3.hasNextPage()).isFalse();
        assertThat(registry.list(2, p3.endCursor()).nodes()).isEmpty();
        assertThatThrownBy(() -> registry.list(0, null))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("first");
        assertThatThrownBy(() -> registry.list(5, "zzz"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("after");
    }

    @Test
    void expire_signature_rotates_with_an_overlap_or_at_once() {
        Webhook w = created(WebhookInput.of("https://e.com/a", List.of("a.b")).withProfile("healthie-rfc9421"));
        Webhook rotated = ((RegistryResult.Saved) registry.expireSignature(w.id(), Duration.ofHours(24))).webhook();
        assertThat(rotated.secret()).isNotEqualTo(w.secret());
        assertThat(rotated.previous()).isEqualTo(w.secret());
        assertThat(rotated.previousUntil()).isEqualTo(T0.plus(Duration.ofHours(24)));
        assertThat(rotated.signingSecrets(T0)).containsExactly(rotated.secret(), w.secret());
        assertThat(rotated.signingSecrets(T0.plus(Duration.ofHours(24)))).containsExactly(rotated.secret());

        Webhook now = ((RegistryResult.Saved) registry.expireSignature(w.id(), null)).webhook();
        assertThat(now.previous()).isNull();
        assertThat(now.signingSecrets(T0)).containsExactly(now.secret());
        assertThat(registry.expireSignature(w.id(), Duration.ofDays(31)))
                .isInstanceOfSatisfying(
                        RegistryResult.Invalid.class,
                        i -> assertThat(i.errors().get(0).field()).isEqualTo("overlap"));
        assertThat(registry.expireSignature(404_404, null)).isEqualTo(new RegistryResult.NotFound(404_404));
    }

    @Test
    void legacy_profiles_keep_the_old_secret_until_the_overlap_ends() {
        Webhook w = created(WebhookInput.of("https://e.com/a", List.of("a.b")).withProfile("healthie-api"));
        Webhook rotated = ((RegistryResult.Saved) registry.expireSignature(w.id(), Duration.ofHours(1))).webhook();
        assertThat(rotated.signingSecrets(T0)).containsExactly(w.secret());
        assertThat(rotated.signingSecrets(T0.plus(Duration.ofHours(1)))).containsExactly(rotated.secret());
    }
}
