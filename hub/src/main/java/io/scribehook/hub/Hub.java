package io.scribehook.hub;

import graphql.GraphQL;
import io.javalin.config.RoutesConfig;
import io.scribehook.hub.appointments.AppointmentService;
import io.scribehook.hub.events.HubEvents;
import io.scribehook.hub.graphql.AppointmentApi;
import io.scribehook.hub.graphql.GraphQlEndpoint;
import io.scribehook.hub.graphql.GraphQlPart;
import io.scribehook.hub.graphql.HubGraphQl;
import io.scribehook.hub.graphql.RateLimiter;
import io.scribehook.hub.http.HubAdminRoutes;
import io.scribehook.hub.keys.ApiKeys;
import io.scribehook.hub.keys.HubKeys;
import io.scribehook.hub.simulate.MeetingSimulator;
import io.scribehook.hub.simulate.SimulatedFiles;
import io.scribehook.hub.transcripts.TranscriptDownload;
import io.scribehook.hub.transcripts.TranscriptLinks;
import io.scribehook.hub.trigger.EventTrigger;
import io.scribehook.hub.zoom.ZoomEndpoint;
import io.scribehook.hub.zoom.ZoomEventProcessor;
import io.scribehook.hub.zoom.ZoomInbox;
import io.scribehook.store.Database;
import io.scribehook.store.queue.JobQueue;
import io.scribehook.store.queue.QueueSettings;
import io.scribehook.store.queue.WorkerPool;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub role: {@code /graphql}, transcript downloads, {@code /zoom/webhooks} with the workers
 * that turn Zoom events into appointment events, and the admin routes under {@code /api/hub}.
 * {@link #start} wires it on an open database; {@link #register} mounts its routes. Events the hub
 * raises go to the {@link HubEvents} it is given, inside the transaction of the change.
 */
public final class Hub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Hub.class);
    /** The route of the GraphQL API. */
    public static final String GRAPHQL_PATH = "/graphql";

    private final ApiKeys apiKeys;
    private final AppointmentService appointments;
    private final TranscriptLinks links;
    private final GraphQlEndpoint graphql;
    private final TranscriptDownload download;
    private final HubAdminRoutes admin;
    private final ZoomInbox zoomInbox;
    private final ZoomEndpoint zoom;
    private final WorkerPool workers;
    private final SimulatedFiles simulatedFiles;

    private Hub(
            ApiKeys apiKeys,
            AppointmentService appointments,
            TranscriptLinks links,
            GraphQlEndpoint graphql,
            TranscriptDownload download,
            HubAdminRoutes admin,
            ZoomInbox zoomInbox,
            ZoomEndpoint zoom,
            WorkerPool workers,
            SimulatedFiles simulatedFiles) {
        this.apiKeys = apiKeys;
        this.appointments = appointments;
        this.links = links;
        this.graphql = graphql;
        this.download = download;
        this.admin = admin;
        this.zoomInbox = zoomInbox;
        this.zoom = zoom;
        this.workers = workers;
        this.simulatedFiles = simulatedFiles;
    }

    /**
     * Builds the hub and starts its workers.
     *
     * @param events where appointment events go (the delivery outbox, in a full build)
     * @param moreParts further GraphQL parts (such as the webhook registry's), added to the appointment API
     */
    public static Hub start(
            HubSettings settings,
            Database db,
            QueueSettings queueSettings,
            HubEvents events,
            Clock clock,
            List<GraphQlPart> moreParts) {
        ApiKeys keys = new ApiKeys(db, clock);
        AppointmentService appointments = new AppointmentService(db, events, clock);
        TranscriptLinks links = new TranscriptLinks(
                HubKeys.getOrCreate(db, "transcript-url", clock), settings.transcriptUrlTtl(), clock);
        List<GraphQlPart> parts = new ArrayList<>();
        parts.add(new AppointmentApi(db, appointments, links));
        parts.addAll(moreParts);
        GraphQL graphql = HubGraphQl.build(parts);
        GraphQlEndpoint endpoint = new GraphQlEndpoint(graphql, keys, new RateLimiter(settings.rateLimit(), clock));
        JobQueue queue = new JobQueue(db, queueSettings, clock);
        ZoomInbox inbox = new ZoomInbox(db, queue, clock);
        WorkerPool workers = WorkerPool.builder(queue, ZoomInbox.QUEUE)
                .handlers(new ZoomEventProcessor(db, queue, events, clock).handlers())
                .concurrency(settings.zoomWorkers())
                .start();
        LOG.info(
                "hub on POST {} (rate limit {}, transcript URLs valid {}) and POST {} ({})",
                GRAPHQL_PATH,
                settings.rateLimit(),
                settings.transcriptUrlTtl(),
                ZoomEndpoint.PATH,
                settings.zoomSecretToken().isPresent()
                        ? "Zoom secret token set"
                        : "no SCRIBEHOOK_ZOOM_SECRET_TOKEN: Zoom events refused with 503");
        return new Hub(
                keys,
                appointments,
                links,
                endpoint,
                new TranscriptDownload(db, links),
                new HubAdminRoutes(
                        keys,
                        settings.zoomSecretToken().map(t -> new MeetingSimulator(db, appointments, t, clock)),
                        new EventTrigger(db, events, clock)),
                inbox,
                new ZoomEndpoint(settings.zoomSecretToken(), inbox, clock),
                workers,
                new SimulatedFiles(db));
    }

    /** Mounts {@code /graphql}, the transcript download route and {@code /api/hub/*}. */
    public void register(RoutesConfig routes) {
        routes.post(GRAPHQL_PATH, graphql);
        routes.get("/hub/transcripts/{id}/transcript.vtt", download);
        routes.post(ZoomEndpoint.PATH, zoom);
        routes.get(SimulatedFiles.PATH, simulatedFiles);
        admin.register(routes);
    }

    public ApiKeys apiKeys() {
        return apiKeys;
    }

    public AppointmentService appointments() {
        return appointments;
    }

    public TranscriptLinks transcriptLinks() {
        return links;
    }

    public ZoomInbox zoomInbox() {
        return zoomInbox;
    }

    /** The workers of the hub's queue (Zoom events). */
    public WorkerPool workers() {
        return workers;
    }

    @Override
    public void close() {
        workers.close();
    }
}
