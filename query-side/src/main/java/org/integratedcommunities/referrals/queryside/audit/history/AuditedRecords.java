package org.integratedcommunities.referrals.queryside.audit.history;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.integratedcommunities.referrals.kernel.audit.AccessPurpose;
import org.integratedcommunities.referrals.kernel.audit.AccessedRecord;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.queryside.accesslog.AccessLog;
import org.integratedcommunities.referrals.queryside.casefile.CaseAsAt;
import org.integratedcommunities.referrals.queryside.casefile.CaseAsAt.CaseAsAtView;
import org.integratedcommunities.referrals.queryside.referral.ReferralAsAt;
import org.integratedcommunities.referrals.queryside.referral.ReferralAsAt.ReferralAsAtView;
import org.integratedcommunities.referrals.queryside.web.EventStoreReads;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A referral or a case as it stood at a moment, for an auditor, as both the API ({@link AuditedRecordsController}) and
 * the pages ({@link AuditedRecordsPages}) read it: the record's events read, its partnership checked against the
 * auditor's (another partnership's record is empty, as one that does not exist), the read appended to the access log,
 * then the rebuild. The caller has checked the auditor role.
 */
@Component
class AuditedRecords {

    private final EventStoreReads eventStoreReads;
    private final ReferralAsAt referralAsAt;
    private final CaseAsAt caseAsAt;
    private final AccessLog accessLog;

    AuditedRecords(EventStoreReads eventStoreReads, ReferralAsAt referralAsAt, CaseAsAt caseAsAt, AccessLog accessLog) {
        this.eventStoreReads = eventStoreReads;
        this.referralAsAt = referralAsAt;
        this.caseAsAt = caseAsAt;
        this.accessLog = accessLog;
    }

    /**
     * A record rebuilt for an auditor.
     *
     * @param ours whether the record exists in the auditor's partnership (never true for another partnership's)
     * @param asAt the record as it stood then; empty if not {@code ours} or not yet opened or raised by then
     */
    record Rebuilt<T>(boolean ours, Optional<T> asAt) {

        static <T> Rebuilt<T> notOurs() {
            return new Rebuilt<>(false, Optional.empty());
        }
    }

    /** The referral as it stood at {@code moment}. */
    Mono<Rebuilt<ReferralAsAtView>> referral(Actor auditor, ReferralId id, Instant moment) {
        return eventStoreReads.read(events -> {
            List<DomainEventMessage<?>> stored = events.events(id.toString(), Long.MAX_VALUE);
            if (!ReferralAsAt.partnershipOf(stored)
                    .map(auditor.partnershipId()::equals)
                    .orElse(false)) {
                return Rebuilt.notOurs();
            }
            accessLog.record(auditor, AccessedRecord.REFERRAL_HISTORY, List.of(id.toString()), AccessPurpose.AUDIT);
            return new Rebuilt<>(true, referralAsAt.rebuild(id, stored, moment));
        });
    }

    /** The case as it stood at {@code moment}. */
    Mono<Rebuilt<CaseAsAtView>> caseFile(Actor auditor, CaseId id, Instant moment) {
        return eventStoreReads.read(events -> {
            List<DomainEventMessage<?>> stored = events.events(id.toString(), Long.MAX_VALUE);
            if (!CaseAsAt.partnershipOf(stored)
                    .map(auditor.partnershipId()::equals)
                    .orElse(false)) {
                return Rebuilt.notOurs();
            }
            accessLog.record(auditor, AccessedRecord.CASE_HISTORY, List.of(id.toString()), AccessPurpose.AUDIT);
            return new Rebuilt<>(true, caseAsAt.rebuild(id, stored, moment, auditor));
        });
    }
}
