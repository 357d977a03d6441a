package org.integratedcommunities.referrals.queryside.referral;

import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.integratedcommunities.referrals.kernel.identity.ActorMetaData;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code referral_timeline} in step with the referral events: one row per event, with who acted (from the
 * event's metadata, which the command side copies from the acting user's command) and a categorical summary
 * ({@link TimelineEntries}). No personal data: an event's sealed part is only named here, and opened from the event
 * store when a user reads the detail.
 *
 * <p>Its own processing group, so it is replayed, dead-lettered and tracked apart from the summaries: the two may
 * stand at different versions of a referral for a moment, which the detail allows for ({@link ReferralDetails}).
 * Idempotent: an entry is written once per referral and sequence.
 */
@Component
@ProcessingGroup(ReferralTimelineProjection.PROCESSING_GROUP)
class ReferralTimelineProjection {

    static final String PROCESSING_GROUP = "referral-timelines";

    private final ReferralTimelineRepository repository;

    ReferralTimelineProjection(ReferralTimelineRepository repository) {
        this.repository = repository;
    }

    /**
     * Every event of the group; those that are not a referral's describe no entry and are passed over. Metadata values
     * are taken as they come (any type) and written as text, so that an unexpected type cannot keep an entry out.
     */
    @EventHandler
    void on(
            Object event,
            @SequenceNumber long sequence,
            @Timestamp Instant at,
            @MetaDataValue(value = ActorMetaData.USER_ID, required = false) Object userId,
            @MetaDataValue(value = ActorMetaData.AGENCY_ID, required = false) Object agencyId,
            @MetaDataValue(value = ActorMetaData.ROLES, required = false) Object roles) {
        TimelineEntries.of(event).ifPresent(entry -> {
            boolean someoneActed = !entry.byPlatform();
            repository.insert(
                    entry,
                    sequence,
                    at,
                    someoneActed ? text(userId) : null,
                    someoneActed ? text(agencyId) : null,
                    someoneActed ? text(roles) : null);
        });
    }

    @ResetHandler
    void reset() {
        repository.deleteAll();
    }

    private static String text(Object value) {
        return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value);
    }
}
