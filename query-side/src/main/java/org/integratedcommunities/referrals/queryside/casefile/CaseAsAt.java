package org.integratedcommunities.referrals.queryside.casefile;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.casefile.CaseOpenedEvent;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A case as it stood at a chosen moment, rebuilt from its events for an auditor, the way {@code referral.ReferralAsAt}
 * rebuilds a referral: the case's events up to that moment through the live projection into temporary tables named
 * like the read models, read back, rolled back. No personal data (the person stays sealed).
 *
 * <p>Blocking (a transaction): called inside {@code EventStoreReads.read}.
 */
@Component
public class CaseAsAt {

    private final CaseFileRepository cases;
    private final AnnotationEventHandlerAdapter projection;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;

    CaseAsAt(
            CaseFileRepository cases,
            CaseFileProjection projection,
            PlatformTransactionManager transactionManager,
            JdbcTemplate jdbc) {
        this.cases = cases;
        this.projection = new AnnotationEventHandlerAdapter(projection);
        this.transactions = new TransactionTemplate(transactionManager);
        this.jdbc = jdbc;
    }

    /** The case's partnership, from its first event; empty if these are not a case's events. */
    public static Optional<PartnershipId> partnershipOf(List<DomainEventMessage<?>> events) {
        return events.stream()
                .map(EventMessage::getPayload)
                .filter(CaseOpenedEvent.class::isInstance)
                .map(payload -> ((CaseOpenedEvent) payload).partnershipId())
                .findFirst();
    }

    /** A case as it stood at {@code asAt}, with its history up to then. */
    public record CaseAsAtView(Instant asAt, CaseView caseFile, List<CaseDetail.HistoryEntry> history) {}

    /** The case as it stood at {@code asAt}; empty if it had not been opened yet. */
    public Optional<CaseAsAtView> rebuild(
            CaseId caseId, List<DomainEventMessage<?>> events, Instant asAt, Actor auditor) {
        return transactions.execute(status -> {
            status.setRollbackOnly();
            jdbc.execute("CREATE TEMPORARY TABLE case_file (LIKE read_model.case_file INCLUDING ALL) ON COMMIT DROP");
            jdbc.execute("CREATE TEMPORARY TABLE case_file_history"
                    + " (LIKE read_model.case_file_history INCLUDING ALL) ON COMMIT DROP");
            for (DomainEventMessage<?> event : events) {
                if (event.getTimestamp().isAfter(asAt)) {
                    break;
                }
                try {
                    if (projection.canHandle(event)) {
                        projection.handle(event);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(
                            "Rebuilding a case failed at its event " + event.getIdentifier(), e);
                }
            }
            return cases.findRebuilt(caseId, auditor)
                    .map(row -> new CaseAsAtView(asAt, row.view(), cases.historyRebuilt(caseId)));
        });
    }
}
