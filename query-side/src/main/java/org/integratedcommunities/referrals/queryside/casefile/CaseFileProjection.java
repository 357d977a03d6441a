package org.integratedcommunities.referrals.queryside.casefile;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.integratedcommunities.referrals.kernel.casefile.CaseErasedEvent;
import org.integratedcommunities.referrals.kernel.casefile.CaseOpenedEvent;
import org.integratedcommunities.referrals.kernel.casefile.ConsentWithdrawnEvent;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasis;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasisRecordedEvent;
import org.integratedcommunities.referrals.kernel.identity.ActorMetaData;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.queryside.casefile.CaseFileRepository.Acting;
import org.springframework.stereotype.Component;

/**
 * Keeps the case view ({@code case_file} and {@code case_file_history}) in step with the case events. Idempotent: a
 * history entry is written once per case and sequence, and the case row moves only to a newer sequence.
 */
@Component
@ProcessingGroup(CaseFileProjection.PROCESSING_GROUP)
class CaseFileProjection {

    static final String PROCESSING_GROUP = "case-files";

    private final CaseFileRepository repository;

    CaseFileProjection(CaseFileRepository repository) {
        this.repository = repository;
    }

    @EventHandler
    void on(
            CaseOpenedEvent event,
            @SequenceNumber long sequence,
            @Timestamp Instant at,
            @MetaDataValue(value = ActorMetaData.USER_ID, required = false) Object userId,
            @MetaDataValue(value = ActorMetaData.AGENCY_ID, required = false) Object agencyId,
            @MetaDataValue(value = ActorMetaData.ROLES, required = false) Object roles) {
        repository.insertOpened(event, sequence, at);
        repository.insertHistory(
                event.caseId(),
                sequence,
                CaseHistoryEntryType.OPENED,
                at,
                Acting.of(userId, agencyId, roles),
                Map.of("owningAgencyId", event.owningAgencyId().value()));
    }

    @EventHandler
    void on(
            LawfulBasisRecordedEvent event,
            @SequenceNumber long sequence,
            @Timestamp Instant at,
            @MetaDataValue(value = ActorMetaData.USER_ID, required = false) Object userId,
            @MetaDataValue(value = ActorMetaData.AGENCY_ID, required = false) Object agencyId,
            @MetaDataValue(value = ActorMetaData.ROLES, required = false) Object roles) {
        if (event.basis() == LawfulBasis.CONSENT) {
            repository.consentRecorded(event, sequence, at);
        } else {
            repository.otherBasisRecorded(event.caseId(), event.basis(), sequence, at);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("basis", event.basis().name());
        if (event.basis() == LawfulBasis.CONSENT) {
            details.put(
                    "consentGivenBy",
                    event.consentGivenBy() == null
                            ? null
                            : event.consentGivenBy().name());
            details.put(
                    "consentGivenOn",
                    event.consentGivenOn() == null
                            ? null
                            : event.consentGivenOn().toString());
            details.put("consentPurposes", sortedNames(event.consentPurposes()));
            details.put(
                    "consentAgencies",
                    event.consentAgencies() == null
                            ? List.of()
                            : event.consentAgencies().stream()
                                    .map(AgencyId::value)
                                    .sorted()
                                    .toList());
        }
        repository.insertHistory(
                event.caseId(),
                sequence,
                CaseHistoryEntryType.LAWFUL_BASIS_RECORDED,
                at,
                Acting.of(userId, agencyId, roles),
                details);
    }

    @EventHandler
    void on(
            ConsentWithdrawnEvent event,
            @SequenceNumber long sequence,
            @Timestamp Instant at,
            @MetaDataValue(value = ActorMetaData.USER_ID, required = false) Object userId,
            @MetaDataValue(value = ActorMetaData.AGENCY_ID, required = false) Object agencyId,
            @MetaDataValue(value = ActorMetaData.ROLES, required = false) Object roles) {
        repository.consentWithdrawn(event.caseId(), event.withdrawnAt(), sequence, at);
        repository.insertHistory(
                event.caseId(),
                sequence,
                CaseHistoryEntryType.CONSENT_WITHDRAWN,
                at,
                Acting.of(userId, agencyId, roles),
                Map.of());
    }

    @EventHandler
    void on(
            CaseErasedEvent event,
            @SequenceNumber long sequence,
            @Timestamp Instant at,
            @MetaDataValue(value = ActorMetaData.USER_ID, required = false) Object userId,
            @MetaDataValue(value = ActorMetaData.AGENCY_ID, required = false) Object agencyId,
            @MetaDataValue(value = ActorMetaData.ROLES, required = false) Object roles) {
        repository.erased(event.caseId(), event.erasedAt(), sequence, at);
        repository.insertHistory(
                event.caseId(),
                sequence,
                CaseHistoryEntryType.ERASED,
                at,
                Acting.of(userId, agencyId, roles),
                Map.of());
    }

    @ResetHandler
    void reset() {
        repository.deleteAll();
    }

    private static List<String> sortedNames(Collection<? extends Enum<?>> values) {
        return values == null
                ? List.of()
                : values.stream().map(Enum::name).sorted().toList();
    }
}
