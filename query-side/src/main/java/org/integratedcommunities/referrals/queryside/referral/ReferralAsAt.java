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
import org.integratedcommunities.referrals.queryside.projection.ScratchRebuild;
import org.springframework.stereotype.Component;

/**
 * A referral as it stood at a chosen moment, rebuilt from its events for an auditor, never from a stored copy.
 *
 * <p>How: {@link ScratchRebuild} runs the referral's events up to that moment through the summary and timeline
 * projections into scratch copies of their tables, and the row is read back: exactly what the live views showed then. No personal data: the auditor sees the facts, the timeline and who did what; sealed parts are
 * named, not opened.
 *
 * <p>Blocking (a transaction): called inside {@code EventStoreReads.read}.
 */
@Component
public class ReferralAsAt {

    private final ReferralSummaryRepository summaries;
    private final ReferralTimelineRepository timelines;
    private final ReferralDetails details;
    private final List<AnnotationEventHandlerAdapter> projections;
    private final ScratchRebuild scratch;

    ReferralAsAt(
            ReferralSummaryRepository summaries,
            ReferralTimelineRepository timelines,
            ReferralDetails details,
            ReferralSummaryProjection summaryProjection,
            ReferralTimelineProjection timelineProjection,
            ScratchRebuild scratch) {
        this.summaries = summaries;
        this.timelines = timelines;
        this.details = details;
        this.projections = List.of(
                new AnnotationEventHandlerAdapter(summaryProjection),
                new AnnotationEventHandlerAdapter(timelineProjection));
        this.scratch = scratch;
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
        return scratch.asAt(
                List.of("referral_summary", "referral_timeline"),
                projections,
                events,
                asAt,
                () -> summaries
                        .findRebuilt(referralId)
                        .map(row -> new ReferralAsAtView(
                                asAt,
                                row.view(),
                                row.lawfulBasis(),
                                row.facts(),
                                details.timelineWithoutPersonalData(timelines.findRebuilt(referralId)))));
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
