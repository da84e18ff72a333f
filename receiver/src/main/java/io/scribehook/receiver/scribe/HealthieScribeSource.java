package io.scribehook.receiver.scribe;

import io.scribehook.receiver.healthie.AppointmentSnapshot;
import io.scribehook.receiver.healthie.FetchResult;
import io.scribehook.receiver.healthie.HealthieClient;
import io.scribehook.receiver.healthie.TranscriptDownloader;
import io.scribehook.receiver.healthie.TranscriptDownloader.DownloadResult;
import io.scribehook.receiver.healthie.TranscriptRef;
import io.scribehook.scribe.roles.AppointmentPeople;
import io.scribehook.scribe.source.AppointmentSource;
import io.scribehook.scribe.source.SourceAppointment;
import io.scribehook.scribe.source.SourceResult;
import io.scribehook.scribe.source.TranscriptInfo;
import io.scribehook.scribe.source.TranscriptSource;
import java.util.List;
import java.util.Optional;

/**
 * The scribe's sources over the Healthie GraphQL API: the appointment with its completed
 * transcripts ({@code transcripts(status: "completed")}), and a transcript's WebVTT downloaded from
 * its {@code expiring_url}. A URL that has expired (403/410) is replaced once by re-fetching the
 * appointment's transcripts for a fresh one.
 */
public final class HealthieScribeSource implements AppointmentSource, TranscriptSource {
    private final HealthieClient client;
    private final TranscriptDownloader downloader;

    public HealthieScribeSource(HealthieClient client, TranscriptDownloader downloader) {
        this.client = client;
        this.downloader = downloader;
    }

    @Override
    public SourceResult<SourceAppointment> appointment(String appointmentId) {
        FetchResult<AppointmentSnapshot> fetched = client.appointment(appointmentId);
        if (!(fetched instanceof FetchResult.Found<AppointmentSnapshot> found)) {
            return failure(fetched);
        }
        FetchResult<List<TranscriptRef>> listed = client.completedTranscripts(appointmentId);
        if (!(listed instanceof FetchResult.Found<List<TranscriptRef>> transcripts)) {
            return failure(listed);
        }
        AppointmentSnapshot a = found.value();
        List<TranscriptInfo> infos = transcripts.value().stream()
                .filter(t -> t.id() != null)
                .map(t -> new TranscriptInfo(t.id(), t.type(), t.start(), t.end()))
                .toList();
        return new SourceResult.Found<>(new SourceAppointment(
                appointmentId, new AppointmentPeople(name(a.user()), name(a.otherParty())), infos));
    }

    @Override
    public SourceResult<String> webVtt(String appointmentId, String transcriptId) {
        for (int round = 0; round < 2; round++) {
            FetchResult<List<TranscriptRef>> listed = client.completedTranscripts(appointmentId);
            if (!(listed instanceof FetchResult.Found<List<TranscriptRef>> found)) {
                return failure(listed);
            }
            Optional<TranscriptRef> ref = found.value().stream()
                    .filter(t -> transcriptId.equals(t.id()))
                    .findFirst();
            if (ref.isEmpty()) {
                return new SourceResult.Missing<>();
            }
            if (ref.get().expiringUrl() == null) {
                return new SourceResult.Transient<>("transcript " + transcriptId + " has no expiring_url yet", null);
            }
            switch (downloader.download(ref.get().expiringUrl())) {
                case DownloadResult.Downloaded d -> {
                    return new SourceResult.Found<>(d.text());
                }
                case DownloadResult.Expired e -> {
                    // a fresh URL on the next round
                }
                case DownloadResult.Failed f -> {
                    return f.retryable()
                            ? new SourceResult.Transient<>(f.reason(), null)
                            : new SourceResult.Permanent<>(f.reason());
                }
            }
        }
        return new SourceResult.Transient<>("transcript URL expired again right after a fresh one was fetched", null);
    }

    private static <T> SourceResult<T> failure(FetchResult<?> r) {
        return switch (r) {
            case FetchResult.NotFound<?> n -> new SourceResult.Missing<>();
            case FetchResult.TransientFailure<?> t -> new SourceResult.Transient<>(t.reason(), null);
            case FetchResult.Unavailable<?> u -> new SourceResult.Transient<>("Healthie API circuit open", u.until());
            case FetchResult.PermanentFailure<?> p -> new SourceResult.Permanent<>(p.reason());
            case FetchResult.Found<?> f -> throw new IllegalStateException("not a failure");
        };
    }

    private static String name(AppointmentSnapshot.Person p) {
        if (p == null) {
            return null;
        }
        String first = p.firstName() == null ? "" : p.firstName().strip();
        String last = p.lastName() == null ? "" : p.lastName().strip();
        String full = (first + " " + last).strip();
        return full.isEmpty() ? null : full;
    }
}
