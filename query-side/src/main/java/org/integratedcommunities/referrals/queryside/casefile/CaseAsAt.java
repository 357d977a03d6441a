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
import org.integratedcommunities.referrals.queryside.projection.ScratchRebuild;
import org.springframework.stereotype.Component;

/**
 * A case as it stood at a chosen moment, rebuilt from its events for an auditor by the live projection into scratch
 * copies of its tables ({@link ScratchRebuild}). No personal data (the person stays sealed).
 *
 * <p>Blocking (a transaction): called inside {@code EventStoreReads.read}.
 */
@Component
public class CaseAsAt {

    private final CaseFileRepository cases;
    private final List<AnnotationEventHandlerAdapter> projections;
    private final ScratchRebuild scratch;

    CaseAsAt(CaseFileRepository cases, CaseFileProjection projection, ScratchRebuild scratch) {
        this.cases = cases;
        this.projections = List.of(new AnnotationEventHandlerAdapter(projection));
        this.scratch = scratch;
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
        return scratch.asAt(
                List.of("case_file", "case_file_history"),
                projections,
                events,
                asAt,
                () -> cases.findRebuilt(caseId, auditor)
                        .map(row -> new CaseAsAtView(asAt, row.view(), cases.historyRebuilt(caseId))));
    }
}
