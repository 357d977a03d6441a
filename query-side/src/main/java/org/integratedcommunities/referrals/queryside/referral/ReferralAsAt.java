package org.integratedcommunities.referrals.queryside.referral;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasis;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.referral.ReferralFacts;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralRaisedEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A referral as it stood at a chosen moment, rebuilt from its events for an auditor, never from a stored copy.
 *
 * <p>How: inside one transaction that is always rolled back, empty temporary tables named like the read models
 * ({@code referral_summary}, {@code referral_timeline}; PostgreSQL looks in the session's temporary schema first) take
 * the referral's events up to that moment through the very projections that keep the live read models, and the row is
 * read back. So the as-at view is exactly what the live views showed at that moment, by construction, and nothing of it
 * outlives the request. No personal data: the auditor sees the facts, the timeline and who did what; sealed parts are
 * named, not opened.
 *
 * <p>Blocking (a transaction): called inside {@code EventStoreReads.read}.
 */
@Component
public class ReferralAsAt {

    private final ReferralSummaryRepository summaries;
    private final ReferralTimelineRepository timelines;
    private final ReferralDetails details;
    private final AnnotationEventHandlerAdapter summaryProjection;
    private final AnnotationEventHandlerAdapter timelineProjection;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;

    ReferralAsAt(
            ReferralSummaryRepository summaries,
            ReferralTimelineRepository timelines,
            ReferralDetails details,
            ReferralSummaryProjection summaryProjection,
            ReferralTimelineProjection timelineProjection,
            PlatformTransactionManager transactionManager,
            JdbcTemplate jdbc) {
        this.summaries = summaries;
        this.timelines = timelines;
        this.details = details;
        this.summaryProjection = new AnnotationEventHandlerAdapter(summaryProjection);
        this.timelineProjection = new AnnotationEventHandlerAdapter(timelineProjection);
        this.transactions = new TransactionTemplate(transactionManager);
        this.jdbc = jdbc;
    }

    /**
     * The referral's partnership, from its first event; empty if these are not a referral's events. Callers check it
     * against the auditor's before rebuilding anything.
     */
    public static Optional<PartnershipId> partnershipOf(List<DomainEventMessage<?>> events) {
        return events.stream()
                .map(EventMessage::getPayload)
                .filter(ReferralRaisedEvent.class::isInstance)
                .map(payload -> ((ReferralRaisedEvent) payload).partnershipId())
                .findFirst();
    }

    /**
     * The referral as it stood at {@code asAt}: its events stored at or before that moment, projected afresh; empty if
     * it had not been raised yet.
     */
    public Optional<ReferralAsAtView> rebuild(ReferralId referralId, List<DomainEventMessage<?>> events, Instant asAt) {
        return transactions.execute(status -> {
            status.setRollbackOnly();
            jdbc.execute("CREATE TEMPORARY TABLE referral_summary"
                    + " (LIKE read_model.referral_summary INCLUDING ALL) ON COMMIT DROP");
            jdbc.execute("CREATE TEMPORARY TABLE referral_timeline"
                    + " (LIKE read_model.referral_timeline INCLUDING ALL) ON COMMIT DROP");
            for (DomainEventMessage<?> event : events) {
                if (event.getTimestamp().isAfter(asAt)) {
                    break;
                }
                handle(summaryProjection, event);
                handle(timelineProjection, event);
            }
            return summaries
                    .findRebuilt(referralId)
                    .map(row -> new ReferralAsAtView(
                            asAt,
                            row.view(),
                            row.lawfulBasis(),
                            row.facts(),
                            details.timelineWithoutPersonalData(timelines.findRebuilt(referralId))));
        });
    }

    private static void handle(AnnotationEventHandlerAdapter projection, EventMessage<?> event) {
        try {
            if (projection.canHandle(event)) {
                projection.handle(event);
            }
        } catch (Exception e) {
            throw new IllegalStateException(
                    "Rebuilding a referral failed at its event " + event.getIdentifier() + " ("
                            + e.getClass().getSimpleName() + ")",
                    e);
        }
    }

    /**
     * A referral as it stood at {@code asAt}: what the lists showed, its facts and its timeline up to then, without
     * personal data.
     */
    public record ReferralAsAtView(
            Instant asAt,
            ReferralView referral,
            LawfulBasis lawfulBasis,
            ReferralFacts facts,
            List<TimelineEntryView> timeline) {}
}
