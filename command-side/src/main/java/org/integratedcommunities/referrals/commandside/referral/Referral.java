package org.integratedcommunities.referrals.commandside.referral;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.integratedcommunities.referrals.commandside.authorisation.ActorRules.CASE_WORKING_ROLES;
import static org.integratedcommunities.referrals.commandside.authorisation.ActorRules.requireAnyRole;
import static org.integratedcommunities.referrals.commandside.authorisation.ActorRules.requireSamePartnership;
import static org.integratedcommunities.referrals.kernel.referral.ReferralStatus.ACCEPTED;
import static org.integratedcommunities.referrals.kernel.referral.ReferralStatus.CLOSED;
import static org.integratedcommunities.referrals.kernel.referral.ReferralStatus.DECLINED;
import static org.integratedcommunities.referrals.kernel.referral.ReferralStatus.IN_PROGRESS;
import static org.integratedcommunities.referrals.kernel.referral.ReferralStatus.OUTCOME_RECORDED;
import static org.integratedcommunities.referrals.kernel.referral.ReferralStatus.RAISED;
import static org.integratedcommunities.referrals.kernel.referral.ReferralStatus.RETURNED_FOR_INFORMATION;
import static org.integratedcommunities.referrals.kernel.referral.ReferralStatus.SUSPENDED;
import static org.integratedcommunities.referrals.kernel.referral.ReferralStatus.WITHDRAWN;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateVersion;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.integratedcommunities.referrals.commandside.authorisation.NotPermitted;
import org.integratedcommunities.referrals.commandside.authorisation.NotVisible;
import org.integratedcommunities.referrals.commandside.casefile.CaseRegister;
import org.integratedcommunities.referrals.commandside.casefile.RegisteredCase;
import org.integratedcommunities.referrals.commandside.directory.PartnershipDirectory;
import org.integratedcommunities.referrals.commandside.personaldata.PersonalDataSealer;
import org.integratedcommunities.referrals.commandside.referral.ReferralDeadlines.AcknowledgementDue;
import org.integratedcommunities.referrals.commandside.referral.ReferralDeadlines.LadoNotificationDue;
import org.integratedcommunities.referrals.commandside.referral.ReferralDeadlines.MoveOnWarning;
import org.integratedcommunities.referrals.commandside.rules.IllegalTransition;
import org.integratedcommunities.referrals.commandside.rules.RuleViolation;
import org.integratedcommunities.referrals.commandside.sla.ServiceLevels;
import org.integratedcommunities.referrals.commandside.sla.WorkingDayCalendar;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasis;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.identity.UserId;
import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;
import org.integratedcommunities.referrals.kernel.personaldata.Sealed;
import org.integratedcommunities.referrals.kernel.referral.AcceptReferralCommand;
import org.integratedcommunities.referrals.kernel.referral.AcknowledgementOverdueEvent;
import org.integratedcommunities.referrals.kernel.referral.AssignReferralCommand;
import org.integratedcommunities.referrals.kernel.referral.CloseReferralCommand;
import org.integratedcommunities.referrals.kernel.referral.DeclineReason;
import org.integratedcommunities.referrals.kernel.referral.DeclineReferralCommand;
import org.integratedcommunities.referrals.kernel.referral.InformationProvidedEvent;
import org.integratedcommunities.referrals.kernel.referral.LadoInformedEvent;
import org.integratedcommunities.referrals.kernel.referral.LadoNotificationOverdueEvent;
import org.integratedcommunities.referrals.kernel.referral.MoveOnNeed;
import org.integratedcommunities.referrals.kernel.referral.MoveOnPeriodEndingEvent;
import org.integratedcommunities.referrals.kernel.referral.ProvideInformationCommand;
import org.integratedcommunities.referrals.kernel.referral.RaiseReferralCommand;
import org.integratedcommunities.referrals.kernel.referral.RecordLadoInformedCommand;
import org.integratedcommunities.referrals.kernel.referral.RecordOutcomeCommand;
import org.integratedcommunities.referrals.kernel.referral.RecordProgressCommand;
import org.integratedcommunities.referrals.kernel.referral.RedirectReferralCommand;
import org.integratedcommunities.referrals.kernel.referral.ReferOnCommand;
import org.integratedcommunities.referrals.kernel.referral.ReferralAcceptedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralAssignedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralClosedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralDeclinedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralFacts;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralOutcomeRecordedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralProgressRecordedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralRaisedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralRedirectedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralReferredOnEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralReturnedForInformationEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralStatus;
import org.integratedcommunities.referrals.kernel.referral.ReferralSuspendedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.kernel.referral.ReferralWithdrawnEvent;
import org.integratedcommunities.referrals.kernel.referral.ReturnReferralForInformationCommand;
import org.integratedcommunities.referrals.kernel.referral.SuspendReferralCommand;
import org.integratedcommunities.referrals.kernel.referral.WithdrawReferralCommand;

/**
 * A referral from one agency of a partnership to another: decides every step of its lifecycle, who may take it, and
 * the deadlines it must meet. See docs/domain.md for the state machine.
 */
@Aggregate(snapshotTriggerDefinition = "referralSnapshotTrigger")
@Revision("1")
// Snapshots (ReferralSnapshots) hold the fields, not getters: bump the revision when they change shape.
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Referral {

    /** Steps on the receiving side of a safeguarding concern are for the safeguarding lead alone. */
    private static final Set<Role> RECEIVING_ROLES =
            EnumSet.of(Role.AGENCY_WORKER, Role.AGENCY_MANAGER, Role.SAFEGUARDING_LEAD);

    /** How far back a referral made off the platform (phone, e-mail, paper) may be recorded. */
    static final int MAX_DAYS_MADE_BEFORE_RECORDED = 30;

    private static final Set<ReferralStatus> OPEN =
            EnumSet.of(RAISED, RETURNED_FOR_INFORMATION, ACCEPTED, IN_PROGRESS, OUTCOME_RECORDED, SUSPENDED);

    @AggregateIdentifier
    private ReferralId referralId;

    @AggregateVersion
    private Long version;

    private ReferralType type;
    private PartnershipId partnershipId;
    private AgencyId referringAgencyId;
    private AgencyId receivingAgencyId;
    private CaseId caseId;
    private DataSubjectId subject;
    private LawfulBasis lawfulBasis;
    private ReferralFacts facts;
    private ReferralStatus status;
    private Instant acknowledgeBy;
    private boolean ladoInformed;
    private final Set<MoveOnNeed> needsMet = EnumSet.noneOf(MoveOnNeed.class);

    protected Referral() {
        // rebuilt from its events
    }

    @CommandHandler
    public Referral(
            RaiseReferralCommand command,
            Actor actor,
            PartnershipDirectory directory,
            CaseRegister cases,
            ReferralRegister referrals,
            PersonalDataSealer vault,
            ServiceLevels serviceLevels,
            DeadlineManager deadlines,
            Clock clock) {
        requireAnyRole(actor, CASE_WORKING_ROLES, "raise referrals");
        ReferralType type = command.type();
        if (command.facts().type() != type) {
            throw new RuleViolation("facts.kind", "The facts must be those of a " + type + " referral");
        }
        if (command.particulars().type() != type) {
            throw new RuleViolation("particulars.kind", "The particulars must be those of a " + type + " referral");
        }
        requireReceivingAgency(command.receivingAgencyId(), actor, directory);

        DataSubjectId subject;
        LawfulBasis basis;
        if (type == ReferralType.OUT_OF_SCHOOL_SETTINGS_CONCERN) {
            SafeguardingConcernRules.check(
                    (ReferralFacts.OutOfSchoolSettingsConcern) command.facts(),
                    command.particulars(),
                    command.caseId());
            // The subject is a setting; the reporter, if named, is the data subject of this concern alone.
            subject = new DataSubjectId(command.referralId().value());
            basis = LawfulBasis.PUBLIC_TASK;
        } else {
            RegisteredCase registered = caseFor(command, actor, cases, referrals);
            subject = registered.subject();
            basis = registered
                    .basisForSharing(type, command.receivingAgencyId())
                    .orElseThrow(() -> new RuleViolation(
                            "caseId",
                            "No consent or other lawful basis is recorded for sharing this person's data with that"
                                    + " agency for this kind of referral"));
        }

        Instant now = clock.instant();
        Instant due = serviceLevels.acknowledgementDue(actor.partnershipId(), type, madeAt(command.madeOn(), now));
        apply(new ReferralRaisedEvent(
                command.referralId(),
                type,
                actor.partnershipId(),
                actor.agencyId(),
                command.receivingAgencyId(),
                command.caseId(),
                subject,
                basis,
                command.facts(),
                vault.sealJson(subject, command.particulars()),
                command.parentReferralId(),
                now,
                command.madeOn(),
                due));

        deadlines.schedule(due, ReferralDeadlines.ACKNOWLEDGEMENT_DUE, new AcknowledgementDue(due));
        if (command.facts() instanceof ReferralFacts.RefugeePostGrant refugee) {
            Instant warnAt = serviceLevels.moveOnWarningAt(refugee.moveOnEndsOn());
            deadlines.schedule(
                    warnAt.isBefore(now) ? now : warnAt, ReferralDeadlines.MOVE_ON_WARNING, new MoveOnWarning());
        }
        if (command.facts() instanceof ReferralFacts.OutOfSchoolSettingsConcern concern
                && concern.allegationAgainstStaffOrVolunteer()) {
            Instant ladoDue = serviceLevels.ladoNotificationDue(now);
            deadlines.schedule(ladoDue, ReferralDeadlines.LADO_NOTIFICATION_DUE, new LadoNotificationDue(ladoDue));
        }
    }

    @CommandHandler
    void handle(AcceptReferralCommand command, Actor actor, DeadlineManager deadlines, Clock clock) {
        requireReceiver(actor, "accept referrals");
        requireStatus("accepted", RAISED);
        UserId assignee = command.assignee() == null ? actor.userId() : command.assignee();
        apply(new ReferralAcceptedEvent(referralId, assignee, clock.instant()));
        deadlines.cancelAllWithinScope(ReferralDeadlines.ACKNOWLEDGEMENT_DUE);
    }

    @CommandHandler
    void handle(AssignReferralCommand command, Actor actor, Clock clock) {
        requireReceiver(actor, "assign referrals");
        if (!actor.hasAnyRole(EnumSet.of(Role.AGENCY_MANAGER, Role.SAFEGUARDING_LEAD))) {
            throw new NotPermitted("Only a manager of the receiving agency may assign referrals.");
        }
        requireStatus("assigned", ACCEPTED, IN_PROGRESS);
        apply(new ReferralAssignedEvent(referralId, command.assignee(), clock.instant()));
    }

    @CommandHandler
    void handle(
            DeclineReferralCommand command,
            Actor actor,
            PersonalDataSealer vault,
            DeadlineManager deadlines,
            Clock clock) {
        requireReceiver(actor, "decline referrals");
        requireStatus("declined", RAISED);
        if (command.reason() == DeclineReason.OTHER && isBlank(command.explanation())) {
            throw new RuleViolation("explanation", "Say why the referral is declined");
        }
        apply(new ReferralDeclinedEvent(
                referralId, command.reason(), sealed(vault, command.explanation()), clock.instant()));
        deadlines.cancelAllWithinScope(ReferralDeadlines.ACKNOWLEDGEMENT_DUE);
    }

    @CommandHandler
    void handle(
            ReturnReferralForInformationCommand command,
            Actor actor,
            PersonalDataSealer vault,
            DeadlineManager deadlines,
            Clock clock) {
        requireReceiver(actor, "return referrals for information");
        requireStatus("returned for information", RAISED);
        apply(new ReferralReturnedForInformationEvent(
                referralId, vault.seal(subject, command.question()), clock.instant()));
        deadlines.cancelAllWithinScope(ReferralDeadlines.ACKNOWLEDGEMENT_DUE);
    }

    @CommandHandler
    void handle(
            ProvideInformationCommand command,
            Actor actor,
            PersonalDataSealer vault,
            ServiceLevels serviceLevels,
            DeadlineManager deadlines,
            Clock clock) {
        requireReferrer(actor, "answer questions about referrals");
        requireStatus("answered", RETURNED_FOR_INFORMATION);
        Instant now = clock.instant();
        Instant due = serviceLevels.acknowledgementDue(partnershipId, type, now);
        apply(new InformationProvidedEvent(referralId, vault.seal(subject, command.answer()), now, due));
        deadlines.schedule(due, ReferralDeadlines.ACKNOWLEDGEMENT_DUE, new AcknowledgementDue(due));
    }

    @CommandHandler
    void handle(
            RedirectReferralCommand command,
            Actor actor,
            PartnershipDirectory directory,
            CaseRegister cases,
            ServiceLevels serviceLevels,
            DeadlineManager deadlines,
            Clock clock) {
        requireReferrer(actor, "redirect referrals");
        requireStatus("redirected", DECLINED);
        requireReceivingAgency(command.receivingAgencyId(), actor, directory);
        if (command.receivingAgencyId().equals(receivingAgencyId)) {
            throw new RuleViolation("receivingAgencyId", "That agency has already declined this referral");
        }
        if (caseId != null) {
            boolean stillLawful = cases.find(caseId)
                    .flatMap(registered -> registered.basisForSharing(type, command.receivingAgencyId()))
                    .isPresent();
            if (!stillLawful) {
                throw new RuleViolation(
                        "receivingAgencyId",
                        "No consent or other lawful basis is recorded for sharing this person's data with that agency");
            }
        }
        Instant now = clock.instant();
        Instant due = serviceLevels.acknowledgementDue(partnershipId, type, now);
        apply(new ReferralRedirectedEvent(referralId, receivingAgencyId, command.receivingAgencyId(), now, due));
        deadlines.schedule(due, ReferralDeadlines.ACKNOWLEDGEMENT_DUE, new AcknowledgementDue(due));
    }

    @CommandHandler
    void handle(
            WithdrawReferralCommand command,
            Actor actor,
            PersonalDataSealer vault,
            DeadlineManager deadlines,
            Clock clock) {
        requireReferrer(actor, "withdraw referrals");
        requireStatus("withdrawn", RAISED, RETURNED_FOR_INFORMATION, ACCEPTED, IN_PROGRESS, SUSPENDED);
        apply(new ReferralWithdrawnEvent(referralId, vault.seal(subject, command.reason()), clock.instant()));
        cancelOpenDeadlines(deadlines);
    }

    @CommandHandler
    void handle(RecordProgressCommand command, Actor actor, PersonalDataSealer vault, Clock clock) {
        requireReceiver(actor, "record progress");
        requireStatus("given progress", ACCEPTED, IN_PROGRESS);
        Set<MoveOnNeed> met = command.needsMet() == null ? Set.of() : command.needsMet();
        if (!met.isEmpty() && !(facts instanceof ReferralFacts.RefugeePostGrant)) {
            throw new RuleViolation("needsMet", "Move-on needs belong to refugee post-grant referrals only");
        }
        if (isBlank(command.note()) && met.isEmpty()) {
            throw new RuleViolation("note", "Describe the progress");
        }
        apply(new ReferralProgressRecordedEvent(
                referralId, sealed(vault, command.note()), Set.copyOf(met), clock.instant()));
    }

    @CommandHandler
    void handle(
            RecordOutcomeCommand command,
            Actor actor,
            PersonalDataSealer vault,
            DeadlineManager deadlines,
            Clock clock) {
        requireReceiver(actor, "record outcomes");
        requireStatus("given an outcome", ACCEPTED, IN_PROGRESS);
        OutcomeRules.check(type, facts, command.outcome(), ladoInformed);
        apply(new ReferralOutcomeRecordedEvent(
                referralId, command.outcome(), sealed(vault, command.note()), clock.instant()));
        cancelOpenDeadlines(deadlines);
    }

    @CommandHandler
    void handle(CloseReferralCommand command, Actor actor, DeadlineManager deadlines, Clock clock) {
        requireInvolved(actor, "close referrals");
        switch (status) {
            case OUTCOME_RECORDED, SUSPENDED -> {
                // either agency may close once the loop is closed, or once sharing has stopped
            }
            case DECLINED -> {
                if (!actor.agencyId().equals(referringAgencyId)) {
                    throw new NotPermitted("Only the referring agency may close a declined referral.");
                }
            }
            default -> throw new IllegalTransition("referral", "closed", status);
        }
        apply(new ReferralClosedEvent(referralId, clock.instant()));
        cancelOpenDeadlines(deadlines);
    }

    @CommandHandler
    void handle(ReferOnCommand command, Actor actor, PartnershipDirectory directory, Clock clock) {
        requireReceiver(actor, "refer people on");
        requireStatus("referred on", OUTCOME_RECORDED, CLOSED);
        requireReceivingAgency(command.receivingAgencyId(), actor, directory);
        apply(new ReferralReferredOnEvent(
                referralId, command.onwardReferralId(), command.receivingAgencyId(), clock.instant()));
    }

    @CommandHandler
    void handle(RecordLadoInformedCommand command, Actor actor, DeadlineManager deadlines, Clock clock) {
        requireReceiver(actor, "record that the LADO was told");
        if (!(facts instanceof ReferralFacts.OutOfSchoolSettingsConcern concern)
                || !concern.allegationAgainstStaffOrVolunteer()) {
            throw new RuleViolation("Only an allegation against staff or a volunteer goes to the LADO");
        }
        if (ladoInformed) {
            throw new RuleViolation("The LADO has already been recorded as told");
        }
        requireStatus("changed", RAISED, ACCEPTED, IN_PROGRESS, RETURNED_FOR_INFORMATION);
        apply(new LadoInformedEvent(referralId, clock.instant()));
        deadlines.cancelAllWithinScope(ReferralDeadlines.LADO_NOTIFICATION_DUE);
    }

    /** Sent by the platform when the case's consent is withdrawn; a referral on another basis is not affected. */
    @CommandHandler
    void handle(SuspendReferralCommand command, DeadlineManager deadlines, Clock clock) {
        if (lawfulBasis != LawfulBasis.CONSENT || !OPEN.contains(status) || status == SUSPENDED) {
            return;
        }
        apply(new ReferralSuspendedEvent(referralId, command.reason(), receivingAgencyId, clock.instant()));
        cancelOpenDeadlines(deadlines);
    }

    @DeadlineHandler(deadlineName = ReferralDeadlines.ACKNOWLEDGEMENT_DUE)
    void acknowledgementDue(AcknowledgementDue due, Clock clock) {
        if (status == RAISED && due.acknowledgeBy().equals(acknowledgeBy)) {
            apply(new AcknowledgementOverdueEvent(
                    referralId, partnershipId, receivingAgencyId, type, acknowledgeBy, clock.instant()));
        }
    }

    @DeadlineHandler(deadlineName = ReferralDeadlines.MOVE_ON_WARNING)
    void moveOnWarning(MoveOnWarning warning, Clock clock) {
        if (facts instanceof ReferralFacts.RefugeePostGrant refugee && OPEN.contains(status) && status != SUSPENDED) {
            Set<MoveOnNeed> open = EnumSet.copyOf(refugee.needs());
            open.removeAll(needsMet);
            if (!open.isEmpty()) {
                apply(new MoveOnPeriodEndingEvent(
                        referralId, partnershipId, receivingAgencyId, refugee.moveOnEndsOn(), open, clock.instant()));
            }
        }
    }

    @DeadlineHandler(deadlineName = ReferralDeadlines.LADO_NOTIFICATION_DUE)
    void ladoNotificationDue(LadoNotificationDue due, Clock clock) {
        if (!ladoInformed && OPEN.contains(status)) {
            apply(new LadoNotificationOverdueEvent(
                    referralId, partnershipId, receivingAgencyId, due.dueAt(), clock.instant()));
        }
    }

    @EventSourcingHandler
    void on(ReferralRaisedEvent event) {
        referralId = event.referralId();
        type = event.type();
        partnershipId = event.partnershipId();
        referringAgencyId = event.referringAgencyId();
        receivingAgencyId = event.receivingAgencyId();
        caseId = event.caseId();
        subject = event.subject();
        lawfulBasis = event.lawfulBasis();
        facts = event.facts();
        acknowledgeBy = event.acknowledgeBy();
        status = RAISED;
    }

    @EventSourcingHandler
    void on(ReferralAcceptedEvent event) {
        status = ACCEPTED;
    }

    @EventSourcingHandler
    void on(ReferralDeclinedEvent event) {
        status = DECLINED;
    }

    @EventSourcingHandler
    void on(ReferralReturnedForInformationEvent event) {
        status = RETURNED_FOR_INFORMATION;
    }

    @EventSourcingHandler
    void on(InformationProvidedEvent event) {
        status = RAISED;
        acknowledgeBy = event.acknowledgeBy();
    }

    @EventSourcingHandler
    void on(ReferralRedirectedEvent event) {
        receivingAgencyId = event.receivingAgencyId();
        acknowledgeBy = event.acknowledgeBy();
        status = RAISED;
    }

    @EventSourcingHandler
    void on(ReferralWithdrawnEvent event) {
        status = WITHDRAWN;
    }

    @EventSourcingHandler
    void on(ReferralProgressRecordedEvent event) {
        needsMet.addAll(event.needsMet());
        status = IN_PROGRESS;
    }

    @EventSourcingHandler
    void on(ReferralOutcomeRecordedEvent event) {
        status = OUTCOME_RECORDED;
    }

    @EventSourcingHandler
    void on(ReferralClosedEvent event) {
        status = CLOSED;
    }

    @EventSourcingHandler
    void on(ReferralSuspendedEvent event) {
        status = SUSPENDED;
    }

    @EventSourcingHandler
    void on(LadoInformedEvent event) {
        ladoInformed = true;
    }

    private RegisteredCase caseFor(
            RaiseReferralCommand command, Actor actor, CaseRegister cases, ReferralRegister referrals) {
        if (command.caseId() == null) {
            throw new RuleViolation("caseId", "Choose the case of the person you are referring");
        }
        // Another agency's case, like another partnership's, does not exist for this actor: the same answer as an
        // unknown id, so a referral attempt cannot be used to learn which cases exist.
        RuleViolation noSuchCase = new RuleViolation("caseId", "There is no such case in your partnership");
        RegisteredCase registered = cases.find(command.caseId())
                .filter(found -> found.partnershipId().equals(actor.partnershipId()))
                .orElseThrow(() -> noSuchCase);
        boolean ownCase = registered.owningAgencyId().equals(actor.agencyId());
        boolean onwardFromOwnInbox = command.parentReferralId() != null
                && referrals
                        .find(command.parentReferralId())
                        .filter(parent -> parent.receivingAgencyId().equals(actor.agencyId()))
                        .filter(parent -> command.caseId().equals(parent.caseId()))
                        .isPresent();
        if (!ownCase && !onwardFromOwnInbox) {
            throw noSuchCase;
        }
        if (registered.erased()) {
            throw new RuleViolation("caseId", "This person's data was erased: the case cannot be referred");
        }
        return registered;
    }

    /**
     * When the referral was made: now, or the start of the earlier day it was really made (by phone, e-mail or on
     * paper), at most {@value #MAX_DAYS_MADE_BEFORE_RECORDED} days back, so its deadline counts from then.
     */
    private static Instant madeAt(LocalDate madeOn, Instant now) {
        if (madeOn == null) {
            return now;
        }
        LocalDate today = now.atZone(WorkingDayCalendar.LONDON).toLocalDate();
        if (madeOn.isAfter(today)) {
            throw new RuleViolation("madeOn", "The day the referral was made cannot be in the future");
        }
        if (madeOn.isBefore(today.minusDays(MAX_DAYS_MADE_BEFORE_RECORDED))) {
            throw new RuleViolation(
                    "madeOn",
                    "A referral made more than " + MAX_DAYS_MADE_BEFORE_RECORDED
                            + " days ago must be raised as a new referral");
        }
        return madeOn.equals(today) ? now : WorkingDayCalendar.startOfDay(madeOn);
    }

    private static void requireReceivingAgency(AgencyId receiving, Actor actor, PartnershipDirectory directory) {
        if (receiving.equals(actor.agencyId())) {
            throw new RuleViolation("receivingAgencyId", "A referral must go to another agency than your own");
        }
        if (!directory.isAgencyOf(actor.partnershipId(), receiving)) {
            throw new RuleViolation("receivingAgencyId", "The receiving agency is not an agency of your partnership");
        }
    }

    private void requireInvolved(Actor actor, String what) {
        requireSamePartnership(actor, partnershipId);
        if (!actor.agencyId().equals(referringAgencyId) && !actor.agencyId().equals(receivingAgencyId)) {
            throw new NotVisible();
        }
        requireAnyRole(actor, CASE_WORKING_ROLES, what);
    }

    private void requireReceiver(Actor actor, String what) {
        requireInvolved(actor, what);
        if (!actor.agencyId().equals(receivingAgencyId)) {
            throw new NotPermitted("Only the receiving agency may " + what + ".");
        }
        Set<Role> allowed = type == ReferralType.OUT_OF_SCHOOL_SETTINGS_CONCERN
                ? EnumSet.of(Role.SAFEGUARDING_LEAD)
                : RECEIVING_ROLES;
        requireAnyRole(actor, allowed, what);
    }

    private void requireReferrer(Actor actor, String what) {
        requireInvolved(actor, what);
        if (!actor.agencyId().equals(referringAgencyId)) {
            throw new NotPermitted("Only the referring agency may " + what + ".");
        }
    }

    private void requireStatus(String action, ReferralStatus... allowed) {
        for (ReferralStatus candidate : allowed) {
            if (candidate == status) {
                return;
            }
        }
        throw new IllegalTransition("referral", action, status);
    }

    /**
     * Cancels every deadline this referral can have pending. Each cancellation is a statement (an indexed delete of
     * this referral's rows: sla.ScopeIndexedDeadlineManager), so only the kinds this referral's type ever schedules
     * are cancelled: the move-on warning for a refugee post-grant referral, the LADO deadline for an allegation against
     * staff or a volunteer not yet reported. A deadline left behind would be harmless anyway: every handler ignores one
     * whose work is done.
     */
    private void cancelOpenDeadlines(DeadlineManager deadlines) {
        deadlines.cancelAllWithinScope(ReferralDeadlines.ACKNOWLEDGEMENT_DUE);
        if (facts instanceof ReferralFacts.RefugeePostGrant) {
            deadlines.cancelAllWithinScope(ReferralDeadlines.MOVE_ON_WARNING);
        }
        if (facts instanceof ReferralFacts.OutOfSchoolSettingsConcern concern
                && concern.allegationAgainstStaffOrVolunteer()
                && !ladoInformed) {
            deadlines.cancelAllWithinScope(ReferralDeadlines.LADO_NOTIFICATION_DUE);
        }
    }

    private Sealed sealed(PersonalDataSealer vault, String text) {
        return isBlank(text) ? null : vault.seal(subject, text);
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
