package org.integratedcommunities.referrals.queryside.accesslog;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.integratedcommunities.referrals.kernel.audit.AccessPurpose;
import org.integratedcommunities.referrals.kernel.audit.AccessedRecord;
import org.integratedcommunities.referrals.kernel.audit.PersonalDataAccessedEvent;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.ActorMetaData;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.springframework.stereotype.Component;

/**
 * Records every read of personal data before the data is opened: an entry appended to the event store (so it is
 * append-only and covered by the same integrity checks as the events), projected for the auditors
 * ({@link AccessLogProjection}). If the entry cannot be appended the read fails: nobody is shown personal data that the
 * log does not show they were shown.
 *
 * <p>Blocking (an insert): called inside {@code EventStoreReads.read}, never inside a read-model read's transaction
 * (which runs as the read-only query role).
 */
@Component
public class AccessLog {

    private final EventStore eventStore;
    private final Clock clock;

    AccessLog(EventStore eventStore) {
        this.eventStore = eventStore;
        this.clock = Clock.systemUTC();
    }

    /** Appends the entry: {@code reader} is being shown the personal data of these records, for this reason. */
    public void record(Actor reader, AccessedRecord record, List<String> recordIds, AccessPurpose purpose) {
        String roles = reader.roles().stream().map(Role::realmRole).sorted().collect(Collectors.joining(","));
        PersonalDataAccessedEvent entry = new PersonalDataAccessedEvent(
                UUID.randomUUID(),
                reader.partnershipId(),
                reader.agencyId(),
                reader.userId(),
                roles,
                record,
                recordIds,
                purpose,
                clock.instant());
        eventStore.publish(GenericEventMessage.asEventMessage(entry)
                .andMetaData(
                        MetaData.with(ActorMetaData.USER_ID, reader.userId().value())
                                .and(ActorMetaData.AGENCY_ID, reader.agencyId().value())
                                .and(
                                        ActorMetaData.PARTNERSHIP_ID,
                                        reader.partnershipId().value())
                                .and(ActorMetaData.ROLES, roles)));
    }
}
