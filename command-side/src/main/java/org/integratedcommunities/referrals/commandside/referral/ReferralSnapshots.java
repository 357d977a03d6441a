package org.integratedcommunities.referrals.commandside.referral;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Snapshots of a referral, so that a long-running one (many progress notes) loads in the same time as a short one:
 * after {@link #EVENTS_BETWEEN_SNAPSHOTS} events have been sourced or applied, Axon stores a snapshot (the aggregate's
 * fields as JSON, in {@code snapshot_event_entry}) when the command's unit of work commits, and later loads start from
 * it. {@code @Revision} on {@link Referral} makes a snapshot of an older shape be ignored (the events are replayed).
 */
@Configuration
class ReferralSnapshots {

    /** Most referrals never reach it (a dozen events or so); the ones that run for months do. */
    static final int EVENTS_BETWEEN_SNAPSHOTS = 50;

    @Bean
    SnapshotTriggerDefinition referralSnapshotTrigger(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, EVENTS_BETWEEN_SNAPSHOTS);
    }
}
