package io.scribehook.app.cli;

import io.scribehook.app.config.AppConfig;
import io.scribehook.core.config.ConfigKey;
import io.scribehook.receiver.config.ReceiverConfig;
import io.scribehook.receiver.healthie.FetchResult;
import io.scribehook.receiver.healthie.HealthieClient;
import java.time.Clock;
import java.util.Optional;
import picocli.CommandLine.Mixin;

/** Opens a Healthie GraphQL client from the configuration, for the registration commands. */
public final class HealthieApiOption {
    @Mixin
    ConfigOption config;

    public AppConfig appConfig() {
        return config.load();
    }

    public HealthieClient client() {
        AppConfig c = config.load();
        var settings = ReceiverConfig.from(c.source(), Optional.empty())
                .healthieApi()
                .orElseThrow(() -> CliFailure.usage(ConfigKey.HEALTHIE_API_URL.key()
                        + " is not set; set it to the GraphQL endpoint (e.g. https://api.gethealthie.com/graphql) "
                        + "and " + ConfigKey.HEALTHIE_API_KEY.key() + " to your API key"));
        return new HealthieClient(settings, Clock.systemUTC());
    }

    /** The found value, or a clean failure naming the reason. */
    public static <T> T require(FetchResult<T> r, String what) {
        return switch (r) {
            case FetchResult.Found<T> f -> f.value();
            case FetchResult.NotFound<T> n -> throw CliFailure.failed(what + ": not found");
            case FetchResult.TransientFailure<T> t ->
                throw CliFailure.failed(what + " failed (temporary, try again): " + t.reason());
            case FetchResult.PermanentFailure<T> p -> throw CliFailure.failed(what + " failed: " + p.reason());
            case FetchResult.Unavailable<T> u ->
                throw CliFailure.failed(
                        what + " not attempted: the Healthie API failed repeatedly; try again after " + u.until());
        };
    }
}
