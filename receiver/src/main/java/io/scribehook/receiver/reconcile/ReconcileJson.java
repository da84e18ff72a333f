package io.scribehook.receiver.reconcile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shape of a reconcile run, shared by the admin API and the command without a server. */
public final class ReconcileJson {
    private ReconcileJson() {}

    /** {@code phase}, {@code sent_scanned}, {@code appointments_scanned}, {@code missed}, {@code settled}. */
    public static Map<String, Object> progress(ReconcileProgress p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("phase", p.phase());
        m.put("sent_scanned", p.sentScanned());
        m.put("appointments_scanned", p.appointmentsScanned());
        m.put("missed", p.missed());
        m.put("settled", p.settled());
        return m;
    }

    /**
     * {@code since}, {@code progress}, {@code missed} (each {@code appointment_id}, {@code reason},
     * {@code detail}), {@code unprocessed} (appointment ids), {@code error}, {@code ok}.
     */
    public static Map<String, Object> report(ReconcileReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("since", r.since().toString());
        m.put("started_at", r.startedAt().toString());
        m.put("finished_at", r.finishedAt().toString());
        m.put("progress", progress(r.progress()));
        List<Map<String, Object>> missed = r.missed().stream()
                .map(x -> {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("appointment_id", x.appointmentId());
                    e.put("reason", x.reason().id());
                    e.put("detail", x.detail());
                    return e;
                })
                .toList();
        m.put("missed", missed);
        m.put("unprocessed", r.unprocessed());
        m.put("error", r.error());
        m.put("ok", r.ok());
        return m;
    }

    /** A run: {@code run_id}, {@code state} ({@code running} or {@code finished}), progress, and the report once finished. */
    public static Map<String, Object> run(ReconcileRuns.Run run) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", run.id());
        m.put("since", run.since().toString());
        m.put("state", run.report().isPresent() ? "finished" : "running");
        m.put("progress", progress(run.progress()));
        run.report().ifPresent(r -> m.put("report", report(r)));
        return m;
    }
}
