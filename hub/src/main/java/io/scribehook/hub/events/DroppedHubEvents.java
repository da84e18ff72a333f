package io.scribehook.hub.events;

import io.scribehook.core.event.ThinEvent;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link HubEvents} for a hub that has no delivery engine wired: each event is logged (type and
 * resource id only) and goes nowhere.
 */
public final class DroppedHubEvents implements HubEvents {
    private static final Logger LOG = LoggerFactory.getLogger(DroppedHubEvents.class);

    @Override
    public void emit(Handle tx, ThinEvent event) {
        LOG.info(
                "hub event {} for {} {} not delivered: no delivery engine",
                event.eventType(),
                event.resourceType(),
                event.resourceId());
    }
}
