package io.scribehook.receiver.reconcile;

/**
 * Where a reconcile run stands, for progress output.
 *
 * @param phase {@code sent_webhooks}, {@code appointments}, {@code failed} (the API stopped the
 *     listing), {@code processing} or {@code done}
 * @param sentScanned entries of {@code sentWebhooks} read so far
 * @param appointmentsScanned appointments of {@code appointments(...)} read so far
 * @param missed appointments found so far (one per appointment and reason)
 * @param settled found appointments processed since the run queued them
 */
public record ReconcileProgress(String phase, int sentScanned, int appointmentsScanned, int missed, int settled) {
    static final ReconcileProgress START = new ReconcileProgress("sent_webhooks", 0, 0, 0, 0);

    ReconcileProgress phase(String p) {
        return new ReconcileProgress(p, sentScanned, appointmentsScanned, missed, settled);
    }

    ReconcileProgress settled(int n) {
        return new ReconcileProgress(phase, sentScanned, appointmentsScanned, missed, n);
    }
}
