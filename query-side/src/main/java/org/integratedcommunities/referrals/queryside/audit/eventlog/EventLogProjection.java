package org.integratedcommunities.referrals.queryside.audit.eventlog;

import java.lang.reflect.Method;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.integratedcommunities.referrals.kernel.audit.PersonalDataAccessedEvent;
import org.integratedcommunities.referrals.kernel.casefile.CaseErasedEvent;
import org.integratedcommunities.referrals.kernel.casefile.CaseOpenedEvent;
import org.integratedcommunities.referrals.kernel.casefile.ConsentWithdrawnEvent;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasisRecordedEvent;
import org.integratedcommunities.referrals.kernel.identity.ActorMetaData;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.queryside.referral.TimelineEntries;
import org.springframework.stereotype.Component;

/**
 * Keeps the partnership-wide event log: every stored event once, in plain words, attributed to its partnership.
 * Idempotent (one row per event id).
 */
@Component
@ProcessingGroup(EventLogProjection.PROCESSING_GROUP)
class EventLogProjection {

    static final String PROCESSING_GROUP = "event-log";

    private final EventLogRepository repository;

    EventLogProjection(EventLogRepository repository) {
        this.repository = repository;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message) {
        String aggregateId = null;
        String aggregateType = null;
        Long sequence = null;
        if (message instanceof DomainEventMessage<?> domain && domain.getType() != null) {
            aggregateId = domain.getAggregateIdentifier();
            aggregateType = domain.getType();
            sequence = domain.getSequenceNumber();
        }
        String partnership = partnershipNamedBy(payload)
                .or(() -> Optional.ofNullable(text(message.getMetaData().get(ActorMetaData.PARTNERSHIP_ID))))
                .orElse(null);
        if (partnership == null && aggregateId == null) {
            // Nothing tells whose it is (the platform's own bookkeeping): not part of any partnership's log.
            return;
        }
        boolean someoneActed = message.getMetaData().containsKey(ActorMetaData.USER_ID) && !isPlatformsOwn(payload);
        // One statement per event: it also remembers whose the aggregate is, or, for an event that does not say, looks
        // that up (no entry if nothing tells: the platform's own bookkeeping is not part of any partnership's log).
        repository.insert(new EventLogRepository.Entry(
                message.getIdentifier(),
                partnership,
                message.getTimestamp(),
                payload.getClass().getSimpleName(),
                aggregateType,
                aggregateId,
                sequence,
                someoneActed ? text(message.getMetaData().get(ActorMetaData.USER_ID)) : null,
                someoneActed ? text(message.getMetaData().get(ActorMetaData.AGENCY_ID)) : null,
                someoneActed ? text(message.getMetaData().get(ActorMetaData.ROLES)) : null,
                summaryOf(payload)));
    }

    @ResetHandler
    void reset() {
        repository.deleteAll();
    }

    /** A deadline that fired: the metadata is the command's that set it, not anyone acting now. */
    private static boolean isPlatformsOwn(Object payload) {
        return payload.getClass().getSimpleName().endsWith("OverdueEvent")
                || payload.getClass().getSimpleName().equals("MoveOnPeriodEndingEvent");
    }

    /** Events that carry their partnership say so with a {@code partnershipId()} accessor (records). */
    private static Optional<String> partnershipNamedBy(Object payload) {
        try {
            Method accessor = payload.getClass().getMethod("partnershipId");
            Object value = accessor.invoke(payload);
            return value instanceof PartnershipId id ? Optional.of(id.value()) : Optional.empty();
        } catch (ReflectiveOperationException e) {
            return Optional.empty();
        }
    }

    static String summaryOf(Object payload) {
        Optional<String> referral = TimelineEntries.summaryOf(payload);
        if (referral.isPresent()) {
            return referral.get();
        }
        if (payload instanceof CaseOpenedEvent e) {
            return "Case opened by " + e.owningAgencyId();
        }
        if (payload instanceof LawfulBasisRecordedEvent e) {
            return "Lawful basis recorded: " + e.basis();
        }
        if (payload instanceof ConsentWithdrawnEvent) {
            return "Consent withdrawn";
        }
        if (payload instanceof CaseErasedEvent) {
            return "Person's data erased";
        }
        if (payload instanceof PersonalDataAccessedEvent e) {
            return "Personal data read: " + e.record() + " " + String.join(", ", e.recordIds()) + " (" + e.purpose()
                    + ")";
        }
        return words(payload.getClass().getSimpleName());
    }

    /** {@code AgencyRegisteredEvent} as "Agency registered". */
    private static String words(String typeName) {
        String name = typeName.endsWith("Event") ? typeName.substring(0, typeName.length() - 5) : typeName;
        String spaced = name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    private static String text(Object value) {
        return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value);
    }
}
