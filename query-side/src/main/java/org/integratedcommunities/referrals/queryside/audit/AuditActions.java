package org.integratedcommunities.referrals.queryside.audit;

import java.util.List;
import org.integratedcommunities.referrals.kernel.audit.AccessPurpose;
import org.integratedcommunities.referrals.kernel.audit.AccessedRecord;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.queryside.accesslog.AccessLog;
import org.integratedcommunities.referrals.queryside.web.EventStoreReads;
import org.integratedcommunities.referrals.webapi.CurrentActor;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Auditors' own actions are logged like everyone's reads: before the action runs, an entry (purpose {@code AUDIT}) goes
 * into the access log, which lives in the event store under the same hash chain.
 */
@Component
public class AuditActions {

    private final AccessLog accessLog;
    private final EventStoreReads eventStoreReads;

    AuditActions(AccessLog accessLog, EventStoreReads eventStoreReads) {
        this.accessLog = accessLog;
        this.eventStoreReads = eventStoreReads;
    }

    /** Records that the current user does {@code what} (to these records, if any); then the actor. */
    public Mono<Actor> logged(AccessedRecord what, List<String> recordIds) {
        return CurrentActor.get()
                .flatMap(actor -> eventStoreReads.read(events -> {
                    accessLog.record(actor, what, recordIds, AccessPurpose.AUDIT);
                    return actor;
                }));
    }
}
