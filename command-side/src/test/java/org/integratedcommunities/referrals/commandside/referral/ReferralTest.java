package org.integratedcommunities.referrals.commandside.referral;

import static org.integratedcommunities.referrals.commandside.AggregateTestSupport.BRADFORD;
import static org.integratedcommunities.referrals.commandside.AggregateTestSupport.COORDINATOR;
import static org.integratedcommunities.referrals.commandside.AggregateTestSupport.COUNCIL_CASEWORKER;
import static org.integratedcommunities.referrals.commandside.AggregateTestSupport.ESOL_CASEWORKER;
import static org.integratedcommunities.referrals.commandside.AggregateTestSupport.ESOL_MANAGER;
import static org.integratedcommunities.referrals.commandside.AggregateTestSupport.ESOL_WORKER;
import static org.integratedcommunities.referrals.commandside.AggregateTestSupport.JOBCENTRE_WORKER;
import static org.integratedcommunities.referrals.commandside.AggregateTestSupport.OOS_WORKER;
import static org.integratedcommunities.referrals.commandside.AggregateTestSupport.REFUGEE_WORKER;
import static org.integratedcommunities.referrals.commandside.AggregateTestSupport.SAFEGUARDING_LEAD;
import static org.integratedcommunities.referrals.commandside.AggregateTestSupport.WALSALL_ESOL_WORKER;
import static org.integratedcommunities.referrals.commandside.AggregateTestSupport.as;
import static org.integratedcommunities.referrals.commandside.AggregateTestSupport.metaData;
import static org.integratedcommunities.referrals.commandside.AggregateTestSupport.uuid;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.integratedcommunities.referrals.commandside.AggregateTestSupport;
import org.integratedcommunities.referrals.commandside.AggregateTestSupport.InMemoryCases;
import org.integratedcommunities.referrals.commandside.AggregateTestSupport.InMemoryReferrals;
import org.integratedcommunities.referrals.commandside.AggregateTestSupport.PlainSealer;
import org.integratedcommunities.referrals.commandside.authorisation.NotPermitted;
import org.integratedcommunities.referrals.commandside.authorisation.NotVisible;
import org.integratedcommunities.referrals.commandside.casefile.RegisteredCase;
import org.integratedcommunities.referrals.commandside.rules.IllegalTransition;
import org.integratedcommunities.referrals.commandside.rules.RuleViolation;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasis;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.UserId;
import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;
import org.integratedcommunities.referrals.kernel.personaldata.Sealed;
import org.integratedcommunities.referrals.kernel.referral.AcceptReferralCommand;
import org.integratedcommunities.referrals.kernel.referral.AcknowledgementOverdueEvent;
import org.integratedcommunities.referrals.kernel.referral.AssignReferralCommand;
import org.integratedcommunities.referrals.kernel.referral.CloseReferralCommand;
import org.integratedcommunities.referrals.kernel.referral.ConcernCategory;
import org.integratedcommunities.referrals.kernel.referral.DeclineReason;
import org.integratedcommunities.referrals.kernel.referral.DeclineReferralCommand;
import org.integratedcommunities.referrals.kernel.referral.EmploymentOutcomeKind;
import org.integratedcommunities.referrals.kernel.referral.EsolLevel;
import org.integratedcommunities.referrals.kernel.referral.EsolMode;
import org.integratedcommunities.referrals.kernel.referral.EsolOutcomeKind;
import org.integratedcommunities.referrals.kernel.referral.InformationProvidedEvent;
import org.integratedcommunities.referrals.kernel.referral.LadoInformedEvent;
import org.integratedcommunities.referrals.kernel.referral.LadoNotificationOverdueEvent;
import org.integratedcommunities.referrals.kernel.referral.MoveOnNeed;
import org.integratedcommunities.referrals.kernel.referral.MoveOnOutcomeKind;
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
import org.integratedcommunities.referrals.kernel.referral.ReferralOutcome;
import org.integratedcommunities.referrals.kernel.referral.ReferralOutcomeRecordedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralParticulars;
import org.integratedcommunities.referrals.kernel.referral.ReferralProgressRecordedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralRaisedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralRedirectedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralReferredOnEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralReturnedForInformationEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralSuspendedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.kernel.referral.ReferralWithdrawnEvent;
import org.integratedcommunities.referrals.kernel.referral.ReturnReferralForInformationCommand;
import org.integratedcommunities.referrals.kernel.referral.SafeguardingAction;
import org.integratedcommunities.referrals.kernel.referral.SettingSize;
import org.integratedcommunities.referrals.kernel.referral.SettingType;
import org.integratedcommunities.referrals.kernel.referral.SuspendReferralCommand;
import org.integratedcommunities.referrals.kernel.referral.SuspensionReason;
import org.integratedcommunities.referrals.kernel.referral.WithdrawReferralCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every step of a referral's lifecycle, every refusal, and the deadlines it sets. */
class ReferralTest {

    /** Tuesday 24 November 2026, 10:00 London (GMT). */
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    /** ESOL: 10 working days from Tuesday 24 November: the end of Tuesday 8 December. */
    private static final Instant ESOL_DUE = Instant.parse("2026-12-09T00:00:00Z");

    private static final AgencyId COUNCIL = COUNCIL_CASEWORKER.agencyId();
    private static final AgencyId ESOL = ESOL_WORKER.agencyId();
    private static final AgencyId JOBCENTRE = JOBCENTRE_WORKER.agencyId();
    private static final AgencyId REFUGEE_CHARITY = REFUGEE_WORKER.agencyId();
    private static final AgencyId SAFEGUARDING = SAFEGUARDING_LEAD.agencyId();

    private static final ReferralId REFERRAL = new ReferralId(uuid(1));
    private static final CaseId CASE = new CaseId(uuid(2));
    private static final DataSubjectId SUBJECT = new DataSubjectId(uuid(2));

    private static final ReferralFacts.EsolPlacement ESOL_FACTS =
            new ReferralFacts.EsolPlacement(EsolLevel.ENTRY_2, Set.of(EsolMode.CLASSROOM), true, false);
    private static final ReferralParticulars.EsolPlacement ESOL_PARTICULARS =
            new ReferralParticulars.EsolPlacement("Weekday mornings", "Prefers a women-only class");
    private static final Sealed ESOL_SEALED = new Sealed(
            SUBJECT,
            "sealed:{\"kind\":\"ESOL_PLACEMENT\",\"availability\":\"Weekday mornings\","
                    + "\"notes\":\"Prefers a women-only class\"}");

    private AggregateTestFixture<Referral> fixture;
    private InMemoryCases cases;
    private InMemoryReferrals referrals;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Referral.class);
        cases = new InMemoryCases().add(caseWithConsent(Set.of(ReferralType.ESOL_PLACEMENT), Set.of()));
        referrals = new InMemoryReferrals();
        fixture.registerInjectableResource(AggregateTestSupport.directory());
        fixture.registerInjectableResource(cases);
        fixture.registerInjectableResource(referrals);
        fixture.registerInjectableResource(new PlainSealer());
        fixture.registerInjectableResource(AggregateTestSupport.serviceLevels());
        fixture.registerInjectableResource(AggregateTestSupport.clockOf(fixture::currentTime));
    }

    private static RegisteredCase caseWithConsent(Set<ReferralType> purposes, Set<AgencyId> agencies) {
        return new RegisteredCase(CASE, BRADFORD, COUNCIL, SUBJECT, false, purposes, agencies, Set.of());
    }

    private static RaiseReferralCommand raiseEsol() {
        return new RaiseReferralCommand(
                REFERRAL, ReferralType.ESOL_PLACEMENT, CASE, ESOL, ESOL_FACTS, ESOL_PARTICULARS, null);
    }

    private static ReferralRaisedEvent esolRaised() {
        return new ReferralRaisedEvent(
                REFERRAL,
                ReferralType.ESOL_PLACEMENT,
                BRADFORD,
                COUNCIL,
                ESOL,
                CASE,
                SUBJECT,
                LawfulBasis.CONSENT,
                ESOL_FACTS,
                ESOL_SEALED,
                null,
                NOW,
                null,
                ESOL_DUE);
    }

    private TestExecutor<Referral> given(Object... events) {
        return fixture.givenCurrentTime(NOW).andGiven(List.of(events));
    }

    private static ReferralAcceptedEvent accepted() {
        return new ReferralAcceptedEvent(REFERRAL, ESOL_WORKER.userId(), NOW);
    }

    private static ReferralDeclinedEvent declined() {
        return new ReferralDeclinedEvent(REFERRAL, DeclineReason.NO_CAPACITY, null, NOW);
    }

    private static ReferralOutcomeRecordedEvent outcomeRecorded() {
        return new ReferralOutcomeRecordedEvent(
                REFERRAL, new ReferralOutcome.EsolPlacement(EsolOutcomeKind.WAITING_LIST, null, null), null, NOW);
    }

    @Nested
    class Raising {

        @Test
        void aCaseworkerRaisesAReferralUnderTheConsentOnRecordWithItsAcknowledgementDeadline() {
            fixture.givenCurrentTime(NOW)
                    .when(raiseEsol(), metaData(COUNCIL_CASEWORKER))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(esolRaised())
                    .expectScheduledDeadlineWithName(ESOL_DUE, ReferralDeadlines.ACKNOWLEDGEMENT_DUE);
        }

        @Test
        void anotherLawfulBasisIsUsedWhenConsentDoesNotCoverTheAgency() {
            cases.add(new RegisteredCase(
                    CASE,
                    BRADFORD,
                    COUNCIL,
                    SUBJECT,
                    false,
                    Set.of(ReferralType.ESOL_PLACEMENT),
                    Set.of(JOBCENTRE),
                    Set.of(LawfulBasis.PUBLIC_TASK)));
            fixture.givenCurrentTime(NOW)
                    .when(raiseEsol(), metaData(COUNCIL_CASEWORKER))
                    .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                            org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                    org.axonframework.test.matchers.Matchers.predicate(
                                            (ReferralRaisedEvent e) -> e.lawfulBasis() == LawfulBasis.PUBLIC_TASK),
                                    org.axonframework.test.matchers.Matchers.andNoMore())));
        }

        @Test
        void aReferralWithoutConsentOrAnotherLawfulBasisIsRefused() {
            cases.add(caseWithConsent(Set.of(ReferralType.EMPLOYMENT_SUPPORT), Set.of()));
            fixture.givenCurrentTime(NOW)
                    .when(raiseEsol(), metaData(COUNCIL_CASEWORKER))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(
                            "No consent or other lawful basis is recorded for sharing this person's data with that"
                                    + " agency for this kind of referral");
        }

        @Test
        void anErasedCaseCannotBeReferred() {
            cases.add(new RegisteredCase(
                    CASE, BRADFORD, COUNCIL, SUBJECT, true, Set.of(ReferralType.ESOL_PLACEMENT), Set.of(), Set.of()));
            fixture.givenCurrentTime(NOW)
                    .when(raiseEsol(), metaData(COUNCIL_CASEWORKER))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("This person's data was erased: the case cannot be referred");
        }

        @Test
        void anUnknownCaseIsRefused() {
            fixture.givenCurrentTime(NOW)
                    .when(
                            new RaiseReferralCommand(
                                    REFERRAL,
                                    ReferralType.ESOL_PLACEMENT,
                                    new CaseId(uuid(99)),
                                    ESOL,
                                    ESOL_FACTS,
                                    ESOL_PARTICULARS,
                                    null),
                            metaData(COUNCIL_CASEWORKER))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("There is no such case in your partnership");
        }

        @Test
        void anotherAgencysCaseDoesNotExistForTheActor() {
            fixture.givenCurrentTime(NOW)
                    .when(
                            new RaiseReferralCommand(
                                    REFERRAL,
                                    ReferralType.ESOL_PLACEMENT,
                                    CASE,
                                    ESOL,
                                    ESOL_FACTS,
                                    ESOL_PARTICULARS,
                                    null),
                            metaData(AggregateTestSupport.actor(
                                    "jc-caseworker",
                                    "bradford-jobcentre",
                                    org.integratedcommunities.referrals.kernel.identity.Role.CASEWORKER)))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("There is no such case in your partnership");
        }

        @Test
        void referralsToOnesOwnAgencyAreRefused() {
            fixture.givenCurrentTime(NOW)
                    .when(
                            new RaiseReferralCommand(
                                    REFERRAL,
                                    ReferralType.ESOL_PLACEMENT,
                                    CASE,
                                    COUNCIL,
                                    ESOL_FACTS,
                                    ESOL_PARTICULARS,
                                    null),
                            metaData(COUNCIL_CASEWORKER))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("A referral must go to another agency than your own");
        }

        @Test
        void referralsToAnotherPartnershipsAgencyAreRefused() {
            fixture.givenCurrentTime(NOW)
                    .when(
                            new RaiseReferralCommand(
                                    REFERRAL,
                                    ReferralType.ESOL_PLACEMENT,
                                    CASE,
                                    new AgencyId("walsall-esol"),
                                    ESOL_FACTS,
                                    ESOL_PARTICULARS,
                                    null),
                            metaData(COUNCIL_CASEWORKER))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("The receiving agency is not an agency of your partnership");
        }

        @Test
        void factsOfAnotherTypeAreRefused() {
            fixture.givenCurrentTime(NOW)
                    .when(
                            new RaiseReferralCommand(
                                    REFERRAL,
                                    ReferralType.ESOL_PLACEMENT,
                                    CASE,
                                    ESOL,
                                    new ReferralFacts.EmploymentSupport(Set.of(), Set.of()),
                                    ESOL_PARTICULARS,
                                    null),
                            metaData(COUNCIL_CASEWORKER))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("The facts must be those of a ESOL_PLACEMENT referral");
        }

        @Test
        void aCoordinatorMayNotRaiseReferrals() {
            fixture.givenCurrentTime(NOW)
                    .when(raiseEsol(), metaData(COORDINATOR))
                    .expectNoEvents()
                    .expectException(NotPermitted.class)
                    .expectExceptionMessage("Your role does not allow you to raise referrals.");
        }

        @Test
        void aCommandWithoutAnActorIsRefused() {
            fixture.givenCurrentTime(NOW).when(raiseEsol()).expectNoEvents().expectException(NotPermitted.class);
        }

        @Test
        void aReferralMadeEarlierByPhoneCountsItsDeadlineFromThatDayAndEscalatesAtOnceWhenPast() {
            // made on Monday 9 November: ten working days end on Monday 23 November, before it is recorded.
            RaiseReferralCommand madeByPhone = new RaiseReferralCommand(
                    REFERRAL,
                    ReferralType.ESOL_PLACEMENT,
                    CASE,
                    ESOL,
                    ESOL_FACTS,
                    ESOL_PARTICULARS,
                    null,
                    LocalDate.of(2026, 11, 9));
            Instant due = Instant.parse("2026-11-24T00:00:00Z");
            fixture.givenCurrentTime(NOW)
                    .andGivenCommands(as(COUNCIL_CASEWORKER, madeByPhone))
                    .whenTimeElapses(Duration.ofSeconds(1))
                    .expectEvents(new AcknowledgementOverdueEvent(
                            REFERRAL, BRADFORD, ESOL, ReferralType.ESOL_PLACEMENT, due, NOW));
        }

        @Test
        void aReferralCannotBeMadeInTheFuture() {
            fixture.givenCurrentTime(NOW)
                    .when(
                            new RaiseReferralCommand(
                                    REFERRAL,
                                    ReferralType.ESOL_PLACEMENT,
                                    CASE,
                                    ESOL,
                                    ESOL_FACTS,
                                    ESOL_PARTICULARS,
                                    null,
                                    LocalDate.of(2026, 11, 25)),
                            metaData(COUNCIL_CASEWORKER))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("The day the referral was made cannot be in the future");
        }

        @Test
        void aReferralMadeLongAgoIsRaisedAfresh() {
            fixture.givenCurrentTime(NOW)
                    .when(
                            new RaiseReferralCommand(
                                    REFERRAL,
                                    ReferralType.ESOL_PLACEMENT,
                                    CASE,
                                    ESOL,
                                    ESOL_FACTS,
                                    ESOL_PARTICULARS,
                                    null,
                                    LocalDate.of(2026, 10, 20)),
                            metaData(COUNCIL_CASEWORKER))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("A referral made more than 30 days ago must be raised as a new referral");
        }

        @Test
        void aRefugeeReferralWarnsBeforeTheMoveOnPeriodEnds() {
            cases.add(caseWithConsent(Set.of(ReferralType.REFUGEE_POST_GRANT), Set.of()));
            var facts = new ReferralFacts.RefugeePostGrant(
                    LocalDate.of(2026, 11, 16), 28, Set.of(MoveOnNeed.BANK_ACCOUNT, MoveOnNeed.HOUSING_APPLICATION));
            // period ends Monday 14 December; 7 days before is Monday 7 December
            fixture.givenCurrentTime(NOW)
                    .when(
                            new RaiseReferralCommand(
                                    REFERRAL,
                                    ReferralType.REFUGEE_POST_GRANT,
                                    CASE,
                                    REFUGEE_CHARITY,
                                    facts,
                                    new ReferralParticulars.RefugeePostGrant("Family of four"),
                                    null),
                            metaData(COUNCIL_CASEWORKER))
                    .expectSuccessfulHandlerExecution()
                    .expectScheduledDeadlineWithName(
                            Instant.parse("2026-11-26T00:00:00Z"), ReferralDeadlines.ACKNOWLEDGEMENT_DUE)
                    .expectScheduledDeadlineWithName(
                            Instant.parse("2026-12-07T00:00:00Z"), ReferralDeadlines.MOVE_ON_WARNING);
        }

        @Test
        void theAcknowledgementDeadlineSkipsWeekendsAndBankHolidays() {
            cases.add(caseWithConsent(Set.of(ReferralType.REFUGEE_POST_GRANT), Set.of()));
            var facts =
                    new ReferralFacts.RefugeePostGrant(LocalDate.of(2026, 12, 20), 28, Set.of(MoveOnNeed.BANK_ACCOUNT));
            // Thursday 24 December: Friday 25 and Monday 28 are bank holidays, so one working day ends Tuesday 29th.
            fixture.givenCurrentTime(Instant.parse("2026-12-24T15:00:00Z"))
                    .when(
                            new RaiseReferralCommand(
                                    REFERRAL,
                                    ReferralType.REFUGEE_POST_GRANT,
                                    CASE,
                                    REFUGEE_CHARITY,
                                    facts,
                                    new ReferralParticulars.RefugeePostGrant(null),
                                    null),
                            metaData(COUNCIL_CASEWORKER))
                    .expectScheduledDeadlineWithName(
                            Instant.parse("2026-12-30T00:00:00Z"), ReferralDeadlines.ACKNOWLEDGEMENT_DUE);
        }
    }

    @Nested
    class OutOfSchoolSettingsConcerns {

        private final ReferralFacts.OutOfSchoolSettingsConcern allegation =
                new ReferralFacts.OutOfSchoolSettingsConcern(
                        SettingType.TUITION_CENTRE,
                        SettingSize.SMALL,
                        Set.of(ConcernCategory.STAFF_SUITABILITY),
                        false,
                        false,
                        true,
                        true);
        private final ReferralParticulars.OutOfSchoolSettingsConcern anonymousReport =
                new ReferralParticulars.OutOfSchoolSettingsConcern(
                        "Northside Tuition", "1 Example Street", "A tutor shouts at children", null, null);

        private RaiseReferralCommand concern(ReferralFacts.OutOfSchoolSettingsConcern facts) {
            return new RaiseReferralCommand(
                    REFERRAL,
                    ReferralType.OUT_OF_SCHOOL_SETTINGS_CONCERN,
                    null,
                    SAFEGUARDING,
                    facts,
                    anonymousReport,
                    null);
        }

        private ReferralRaisedEvent raised(ReferralFacts.OutOfSchoolSettingsConcern facts) {
            DataSubjectId reporter = new DataSubjectId(REFERRAL.value());
            return new ReferralRaisedEvent(
                    REFERRAL,
                    ReferralType.OUT_OF_SCHOOL_SETTINGS_CONCERN,
                    BRADFORD,
                    COUNCIL,
                    SAFEGUARDING,
                    null,
                    reporter,
                    LawfulBasis.PUBLIC_TASK,
                    facts,
                    new Sealed(reporter, "sealed:x"),
                    null,
                    NOW,
                    null,
                    Instant.parse("2026-11-26T00:00:00Z"));
        }

        @Test
        void anAllegationAgainstStaffMustReachTheLadoWithinOneWorkingDay() {
            fixture.givenCurrentTime(NOW)
                    .when(concern(allegation), metaData(COUNCIL_CASEWORKER))
                    .expectSuccessfulHandlerExecution()
                    .expectScheduledDeadlineWithName(
                            Instant.parse("2026-11-26T00:00:00Z"), ReferralDeadlines.LADO_NOTIFICATION_DUE);
        }

        @Test
        void aChildInImmediateDangerNeeds999First() {
            var danger = new ReferralFacts.OutOfSchoolSettingsConcern(
                    SettingType.RELIGIOUS_SETTING,
                    SettingSize.LARGE,
                    Set.of(ConcernCategory.SAFEGUARDING),
                    true,
                    false,
                    false,
                    true);
            fixture.givenCurrentTime(NOW)
                    .when(concern(danger), metaData(COUNCIL_CASEWORKER))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(
                            "A child in immediate danger needs 999 first: call 999, then record that it was done");
        }

        @Test
        void anAnonymousReporterIsNotNamed() {
            fixture.givenCurrentTime(NOW)
                    .when(
                            new RaiseReferralCommand(
                                    REFERRAL,
                                    ReferralType.OUT_OF_SCHOOL_SETTINGS_CONCERN,
                                    null,
                                    SAFEGUARDING,
                                    allegation,
                                    new ReferralParticulars.OutOfSchoolSettingsConcern(
                                            "Northside Tuition", null, "Shouting", "Pat Example", null),
                                    null),
                            metaData(COUNCIL_CASEWORKER))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("An anonymous reporter's name and contact must be left out");
        }

        @Test
        void aConcernIsAboutASettingNotACase() {
            fixture.givenCurrentTime(NOW)
                    .when(
                            new RaiseReferralCommand(
                                    REFERRAL,
                                    ReferralType.OUT_OF_SCHOOL_SETTINGS_CONCERN,
                                    CASE,
                                    SAFEGUARDING,
                                    allegation,
                                    anonymousReport,
                                    null),
                            metaData(COUNCIL_CASEWORKER))
                    .expectNoEvents()
                    .expectException(RuleViolation.class);
        }

        @Test
        void onlyTheSafeguardingLeadWorksAConcern() {
            given(raised(allegation))
                    .when(new AcceptReferralCommand(REFERRAL, null, null), metaData(OOS_WORKER))
                    .expectNoEvents()
                    .expectException(NotPermitted.class)
                    .expectExceptionMessage("Your role does not allow you to accept referrals.");
        }

        @Test
        void theLadoBeingToldIsRecordedAndStopsItsDeadline() {
            given(raised(allegation))
                    .when(new RecordLadoInformedCommand(REFERRAL, null), metaData(SAFEGUARDING_LEAD))
                    .expectEvents(new LadoInformedEvent(REFERRAL, NOW));
        }

        @Test
        void theLadoIsRecordedAsToldOnce() {
            given(raised(allegation), new LadoInformedEvent(REFERRAL, NOW))
                    .when(new RecordLadoInformedCommand(REFERRAL, null), metaData(SAFEGUARDING_LEAD))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("The LADO has already been recorded as told");
        }

        @Test
        void anAllegationNotToldToTheLadoWithinOneWorkingDayEscalates() {
            fixture.givenCurrentTime(NOW)
                    .andGivenCommands(as(COUNCIL_CASEWORKER, concern(allegation)))
                    .whenTimeElapses(Duration.ofDays(2))
                    .expectDeadlinesMetMatching(org.axonframework.test.matchers.Matchers.listWithAnyOf(
                            org.axonframework.test.matchers.Matchers.messageWithPayload(
                                    org.hamcrest.Matchers.instanceOf(ReferralDeadlines.LadoNotificationDue.class))))
                    .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                            org.axonframework.test.matchers.Matchers.listWithAnyOf(
                                    org.hamcrest.Matchers.instanceOf(LadoNotificationOverdueEvent.class))));
        }

        @Test
        void anOutcomeOfAStaffAllegationNeedsTheLadoToldFirst() {
            given(raised(allegation), new ReferralAcceptedEvent(REFERRAL, SAFEGUARDING_LEAD.userId(), NOW))
                    .when(
                            new RecordOutcomeCommand(
                                    REFERRAL,
                                    null,
                                    new ReferralOutcome.OutOfSchoolSettingsConcern(
                                            Set.of(SafeguardingAction.ADVICE_TO_SETTING)),
                                    null),
                            metaData(SAFEGUARDING_LEAD))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(
                            "An allegation against staff or a volunteer must reach the LADO: record that first");
        }

        @Test
        void aSuspectedUnregisteredSchoolMustGoToOfsted() {
            var school = new ReferralFacts.OutOfSchoolSettingsConcern(
                    SettingType.SUSPECTED_UNREGISTERED_SCHOOL,
                    SettingSize.LARGE,
                    Set.of(ConcernCategory.SUSPECTED_ILLEGAL_SCHOOL),
                    false,
                    false,
                    false,
                    true);
            given(raised(school), new ReferralAcceptedEvent(REFERRAL, SAFEGUARDING_LEAD.userId(), NOW))
                    .when(
                            new RecordOutcomeCommand(
                                    REFERRAL,
                                    null,
                                    new ReferralOutcome.OutOfSchoolSettingsConcern(
                                            Set.of(SafeguardingAction.JOINT_VISIT)),
                                    null),
                            metaData(SAFEGUARDING_LEAD))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("A suspected unregistered school must be referred to Ofsted");
        }
    }

    @Nested
    class Acknowledging {

        @Test
        void theReceivingAgencyAcceptsAndIsAssigned() {
            given(esolRaised())
                    .when(new AcceptReferralCommand(REFERRAL, null, null), metaData(ESOL_WORKER))
                    .expectEvents(new ReferralAcceptedEvent(REFERRAL, ESOL_WORKER.userId(), NOW));
        }

        @Test
        void acceptingMayNameTheAssignee() {
            given(esolRaised())
                    .when(new AcceptReferralCommand(REFERRAL, 0L, ESOL_MANAGER.userId()), metaData(ESOL_WORKER))
                    .expectEvents(new ReferralAcceptedEvent(REFERRAL, ESOL_MANAGER.userId(), NOW));
        }

        @Test
        void aStaleExpectedVersionIsRefused() {
            given(
                            esolRaised(),
                            new ReferralReturnedForInformationEvent(REFERRAL, new Sealed(SUBJECT, "q"), NOW),
                            new InformationProvidedEvent(REFERRAL, new Sealed(SUBJECT, "a"), NOW, ESOL_DUE))
                    .when(new AcceptReferralCommand(REFERRAL, 0L, null), metaData(ESOL_WORKER))
                    .expectNoEvents()
                    .expectException(ConflictingAggregateVersionException.class);
        }

        @Test
        void theReferrerCannotAcceptItsOwnReferral() {
            given(esolRaised())
                    .when(new AcceptReferralCommand(REFERRAL, null, null), metaData(COUNCIL_CASEWORKER))
                    .expectNoEvents()
                    .expectException(NotPermitted.class)
                    .expectExceptionMessage("Only the receiving agency may accept referrals.");
        }

        @Test
        void aThirdAgencyCannotSeeTheReferral() {
            given(esolRaised())
                    .when(new AcceptReferralCommand(REFERRAL, null, null), metaData(JOBCENTRE_WORKER))
                    .expectNoEvents()
                    .expectException(NotVisible.class);
        }

        @Test
        void anotherPartnershipCannotSeeTheReferral() {
            given(esolRaised())
                    .when(new AcceptReferralCommand(REFERRAL, null, null), metaData(WALSALL_ESOL_WORKER))
                    .expectNoEvents()
                    .expectException(NotVisible.class);
        }

        @Test
        void aCaseworkerOfTheReceivingAgencyCannotAccept() {
            given(esolRaised())
                    .when(new AcceptReferralCommand(REFERRAL, null, null), metaData(ESOL_CASEWORKER))
                    .expectNoEvents()
                    .expectException(NotPermitted.class);
        }

        @Test
        void anAcceptedReferralCannotBeAcceptedAgainAndTheMessageNamesTheState() {
            given(esolRaised(), accepted())
                    .when(new AcceptReferralCommand(REFERRAL, null, null), metaData(ESOL_WORKER))
                    .expectNoEvents()
                    .expectException(IllegalTransition.class)
                    .expectExceptionMessage("This referral is ACCEPTED: it cannot be accepted.");
        }

        @Test
        void declineNeedsAnExplanationForOther() {
            given(esolRaised())
                    .when(new DeclineReferralCommand(REFERRAL, null, DeclineReason.OTHER, " "), metaData(ESOL_WORKER))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("Say why the referral is declined");
        }

        @Test
        void theReceivingAgencyDeclinesWithAReason() {
            given(esolRaised())
                    .when(
                            new DeclineReferralCommand(REFERRAL, null, DeclineReason.OTHER, "Course full until June"),
                            metaData(ESOL_WORKER))
                    .expectEvents(new ReferralDeclinedEvent(
                            REFERRAL, DeclineReason.OTHER, new Sealed(SUBJECT, "sealed:Course full until June"), NOW));
        }

        @Test
        void aDeclinedReferralCannotBeDeclinedAgain() {
            given(esolRaised(), declined())
                    .when(
                            new DeclineReferralCommand(REFERRAL, null, DeclineReason.DUPLICATE, null),
                            metaData(ESOL_WORKER))
                    .expectNoEvents()
                    .expectException(IllegalTransition.class)
                    .expectExceptionMessage("This referral is DECLINED: it cannot be declined.");
        }

        @Test
        void theReceivingAgencyAsksAQuestionAndTheReferrerAnswers() {
            given(esolRaised())
                    .when(
                            new ReturnReferralForInformationCommand(REFERRAL, null, "Which days can she attend?"),
                            metaData(ESOL_WORKER))
                    .expectEvents(new ReferralReturnedForInformationEvent(
                            REFERRAL, new Sealed(SUBJECT, "sealed:Which days can she attend?"), NOW));
        }

        @Test
        void anAnswerPutsTheReferralBackInTheInboxWithANewDeadline() {
            given(esolRaised(), new ReferralReturnedForInformationEvent(REFERRAL, new Sealed(SUBJECT, "q"), NOW))
                    .when(
                            new ProvideInformationCommand(REFERRAL, null, "Mondays and Wednesdays"),
                            metaData(COUNCIL_CASEWORKER))
                    .expectEvents(new InformationProvidedEvent(
                            REFERRAL, new Sealed(SUBJECT, "sealed:Mondays and Wednesdays"), NOW, ESOL_DUE))
                    .expectScheduledDeadlineWithName(ESOL_DUE, ReferralDeadlines.ACKNOWLEDGEMENT_DUE);
        }

        @Test
        void onlyTheReferrerAnswersQuestions() {
            given(esolRaised(), new ReferralReturnedForInformationEvent(REFERRAL, new Sealed(SUBJECT, "q"), NOW))
                    .when(new ProvideInformationCommand(REFERRAL, null, "Mondays"), metaData(ESOL_WORKER))
                    .expectNoEvents()
                    .expectException(NotPermitted.class)
                    .expectExceptionMessage("Only the referring agency may answer questions about referrals.");
        }

        @Test
        void aReferralNotReturnedCannotBeAnswered() {
            given(esolRaised())
                    .when(new ProvideInformationCommand(REFERRAL, null, "Mondays"), metaData(COUNCIL_CASEWORKER))
                    .expectNoEvents()
                    .expectException(IllegalTransition.class)
                    .expectExceptionMessage("This referral is RAISED: it cannot be answered.");
        }

        @Test
        void anUnacknowledgedReferralEscalatesWhenItsDeadlinePasses() {
            fixture.givenCurrentTime(NOW)
                    .andGivenCommands(as(COUNCIL_CASEWORKER, raiseEsol()))
                    .whenTimeAdvancesTo(ESOL_DUE.plusSeconds(1))
                    .expectEvents(new AcknowledgementOverdueEvent(
                            REFERRAL, BRADFORD, ESOL, ReferralType.ESOL_PLACEMENT, ESOL_DUE, ESOL_DUE));
        }

        private static final Instant CHRISTMAS_EVE = Instant.parse("2026-12-24T15:00:00Z");
        /** Friday 25 and Monday 28 are bank holidays, 26-27 the weekend: one working day ends on Tuesday 29th. */
        private static final Instant DUE_AFTER_CHRISTMAS = Instant.parse("2026-12-30T00:00:00Z");

        private TestExecutor<Referral> refugeeReferralRaisedOnChristmasEve() {
            cases.add(caseWithConsent(Set.of(ReferralType.REFUGEE_POST_GRANT), Set.of()));
            return fixture.givenCurrentTime(CHRISTMAS_EVE)
                    .andGivenCommands(as(
                            COUNCIL_CASEWORKER,
                            new RaiseReferralCommand(
                                    REFERRAL,
                                    ReferralType.REFUGEE_POST_GRANT,
                                    CASE,
                                    REFUGEE_CHARITY,
                                    new ReferralFacts.RefugeePostGrant(
                                            LocalDate.of(2026, 12, 20), 56, Set.of(MoveOnNeed.BANK_ACCOUNT)),
                                    new ReferralParticulars.RefugeePostGrant(null),
                                    null)));
        }

        @Test
        void overChristmasNothingEscalatesWhileTheBankHolidaysAndTheWeekendPass() {
            refugeeReferralRaisedOnChristmasEve()
                    .whenTimeElapses(
                            Duration.between(CHRISTMAS_EVE, DUE_AFTER_CHRISTMAS).minusMinutes(1))
                    .expectNoEvents();
        }

        @Test
        void overChristmasTheReferralEscalatesAtTheEndOfTheFirstWorkingDay() {
            refugeeReferralRaisedOnChristmasEve()
                    .whenTimeElapses(
                            Duration.between(CHRISTMAS_EVE, DUE_AFTER_CHRISTMAS).plusMinutes(1))
                    .expectEvents(new AcknowledgementOverdueEvent(
                            REFERRAL,
                            BRADFORD,
                            REFUGEE_CHARITY,
                            ReferralType.REFUGEE_POST_GRANT,
                            DUE_AFTER_CHRISTMAS,
                            DUE_AFTER_CHRISTMAS));
        }

        @Test
        void nothingEscalatesBeforeTheDeadline() {
            fixture.givenCurrentTime(NOW)
                    .andGivenCommands(as(COUNCIL_CASEWORKER, raiseEsol()))
                    .whenTimeAdvancesTo(ESOL_DUE.minusSeconds(1))
                    .expectNoEvents();
        }

        @Test
        void anAcceptedReferralDoesNotEscalate() {
            fixture.givenCurrentTime(NOW)
                    .andGivenCommands(
                            as(COUNCIL_CASEWORKER, raiseEsol()),
                            as(ESOL_WORKER, new AcceptReferralCommand(REFERRAL, null, null)))
                    .whenTimeAdvancesTo(ESOL_DUE.plus(Duration.ofDays(30)))
                    .expectNoEvents();
        }
    }

    @Nested
    class Redirecting {

        @Test
        void theReferrerRedirectsADeclinedReferralWithANewDeadline() {
            cases.add(caseWithConsent(Set.of(ReferralType.ESOL_PLACEMENT), Set.of()));
            given(esolRaised(), declined())
                    .when(new RedirectReferralCommand(REFERRAL, null, REFUGEE_CHARITY), metaData(COUNCIL_CASEWORKER))
                    .expectEvents(new ReferralRedirectedEvent(REFERRAL, ESOL, REFUGEE_CHARITY, NOW, ESOL_DUE));
        }

        @Test
        void redirectingNeedsALawfulBasisForTheNewAgency() {
            cases.add(caseWithConsent(Set.of(ReferralType.ESOL_PLACEMENT), Set.of(ESOL)));
            given(esolRaised(), declined())
                    .when(new RedirectReferralCommand(REFERRAL, null, REFUGEE_CHARITY), metaData(COUNCIL_CASEWORKER))
                    .expectNoEvents()
                    .expectException(RuleViolation.class);
        }

        @Test
        void notBackToTheAgencyThatDeclined() {
            given(esolRaised(), declined())
                    .when(new RedirectReferralCommand(REFERRAL, null, ESOL), metaData(COUNCIL_CASEWORKER))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("That agency has already declined this referral");
        }

        @Test
        void onlyADeclinedReferralIsRedirected() {
            given(esolRaised())
                    .when(new RedirectReferralCommand(REFERRAL, null, REFUGEE_CHARITY), metaData(COUNCIL_CASEWORKER))
                    .expectNoEvents()
                    .expectException(IllegalTransition.class)
                    .expectExceptionMessage("This referral is RAISED: it cannot be redirected.");
        }

        @Test
        void theReferrerClosesADeclinedReferral() {
            given(esolRaised(), declined())
                    .when(new CloseReferralCommand(REFERRAL, null), metaData(COUNCIL_CASEWORKER))
                    .expectEvents(new ReferralClosedEvent(REFERRAL, NOW));
        }

        @Test
        void theReceiverCannotCloseWhatItDeclined() {
            given(esolRaised(), declined())
                    .when(new CloseReferralCommand(REFERRAL, null), metaData(ESOL_WORKER))
                    .expectNoEvents()
                    .expectException(NotPermitted.class);
        }
    }

    @Nested
    class Withdrawing {

        @Test
        void theReferrerWithdrawsAnOpenReferral() {
            given(esolRaised(), accepted())
                    .when(new WithdrawReferralCommand(REFERRAL, null, "Moved away"), metaData(COUNCIL_CASEWORKER))
                    .expectEvents(new ReferralWithdrawnEvent(REFERRAL, new Sealed(SUBJECT, "sealed:Moved away"), NOW));
        }

        @Test
        void theReceiverCannotWithdraw() {
            given(esolRaised())
                    .when(new WithdrawReferralCommand(REFERRAL, null, "No"), metaData(ESOL_WORKER))
                    .expectNoEvents()
                    .expectException(NotPermitted.class);
        }

        @Test
        void aClosedReferralCannotBeWithdrawn() {
            given(esolRaised(), declined(), new ReferralClosedEvent(REFERRAL, NOW))
                    .when(new WithdrawReferralCommand(REFERRAL, null, "Moved away"), metaData(COUNCIL_CASEWORKER))
                    .expectNoEvents()
                    .expectException(IllegalTransition.class)
                    .expectExceptionMessage("This referral is CLOSED: it cannot be withdrawn.");
        }
    }

    @Nested
    class Working {

        @Test
        void aManagerAssignsAnAcceptedReferral() {
            given(esolRaised(), accepted())
                    .when(new AssignReferralCommand(REFERRAL, null, new UserId("colleague")), metaData(ESOL_MANAGER))
                    .expectEvents(new ReferralAssignedEvent(REFERRAL, new UserId("colleague"), NOW));
        }

        @Test
        void aWorkerCannotAssign() {
            given(esolRaised(), accepted())
                    .when(new AssignReferralCommand(REFERRAL, null, new UserId("colleague")), metaData(ESOL_WORKER))
                    .expectNoEvents()
                    .expectException(NotPermitted.class)
                    .expectExceptionMessage("Only a manager of the receiving agency may assign referrals.");
        }

        @Test
        void progressIsRecorded() {
            given(esolRaised(), accepted())
                    .when(new RecordProgressCommand(REFERRAL, null, "Assessment booked", null), metaData(ESOL_WORKER))
                    .expectEvents(new ReferralProgressRecordedEvent(
                            REFERRAL, new Sealed(SUBJECT, "sealed:Assessment booked"), Set.of(), NOW));
        }

        @Test
        void progressNeedsSomethingToSay() {
            given(esolRaised(), accepted())
                    .when(new RecordProgressCommand(REFERRAL, null, "", null), metaData(ESOL_WORKER))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("Describe the progress");
        }

        @Test
        void moveOnNeedsBelongToRefugeeReferralsOnly() {
            given(esolRaised(), accepted())
                    .when(
                            new RecordProgressCommand(REFERRAL, null, null, Set.of(MoveOnNeed.BANK_ACCOUNT)),
                            metaData(ESOL_WORKER))
                    .expectNoEvents()
                    .expectException(RuleViolation.class);
        }

        @Test
        void progressBeforeAcceptanceIsRefused() {
            given(esolRaised())
                    .when(new RecordProgressCommand(REFERRAL, null, "Called", null), metaData(ESOL_WORKER))
                    .expectNoEvents()
                    .expectException(IllegalTransition.class)
                    .expectExceptionMessage("This referral is RAISED: it cannot be given progress.");
        }

        @Test
        void theOutcomeIsRecordedInTheTypesVocabulary() {
            var outcome = new ReferralOutcome.EsolPlacement(
                    EsolOutcomeKind.PLACED_ON_COURSE, EsolLevel.ENTRY_2, LocalDate.of(2027, 1, 11));
            given(esolRaised(), accepted())
                    .when(new RecordOutcomeCommand(REFERRAL, null, outcome, null), metaData(ESOL_WORKER))
                    .expectEvents(new ReferralOutcomeRecordedEvent(REFERRAL, outcome, null, NOW));
        }

        @Test
        void anOutcomeOfAnotherTypeIsRefused() {
            given(esolRaised(), accepted())
                    .when(
                            new RecordOutcomeCommand(
                                    REFERRAL,
                                    null,
                                    new ReferralOutcome.EmploymentSupport(EmploymentOutcomeKind.JOB_START, 16),
                                    null),
                            metaData(ESOL_WORKER))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("The outcome must be one of a ESOL_PLACEMENT referral");
        }

        @Test
        void aPlacementNeedsItsLevelAndStartDate() {
            given(esolRaised(), accepted())
                    .when(
                            new RecordOutcomeCommand(
                                    REFERRAL,
                                    null,
                                    new ReferralOutcome.EsolPlacement(
                                            EsolOutcomeKind.PLACED_ON_COURSE, EsolLevel.ENTRY_1, null),
                                    null),
                            metaData(ESOL_WORKER))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("Give the date the course starts");
        }

        @Test
        void eitherAgencyClosesAfterTheOutcome() {
            given(esolRaised(), accepted(), outcomeRecorded())
                    .when(new CloseReferralCommand(REFERRAL, null), metaData(COUNCIL_CASEWORKER))
                    .expectEvents(new ReferralClosedEvent(REFERRAL, NOW));
        }

        @Test
        void anOpenReferralCannotBeClosed() {
            given(esolRaised(), accepted())
                    .when(new CloseReferralCommand(REFERRAL, null), metaData(ESOL_WORKER))
                    .expectNoEvents()
                    .expectException(IllegalTransition.class)
                    .expectExceptionMessage("This referral is ACCEPTED: it cannot be closed.");
        }

        @Test
        void theReceiverRefersOnAfterTheOutcome() {
            ReferralId onward = new ReferralId(uuid(3));
            given(esolRaised(), accepted(), outcomeRecorded())
                    .when(new ReferOnCommand(REFERRAL, null, onward, JOBCENTRE), metaData(ESOL_WORKER))
                    .expectEvents(new ReferralReferredOnEvent(REFERRAL, onward, JOBCENTRE, NOW));
        }

        @Test
        void referringOnBeforeTheOutcomeIsRefused() {
            given(esolRaised(), accepted())
                    .when(new ReferOnCommand(REFERRAL, null, new ReferralId(uuid(3)), JOBCENTRE), metaData(ESOL_WORKER))
                    .expectNoEvents()
                    .expectException(IllegalTransition.class)
                    .expectExceptionMessage("This referral is ACCEPTED: it cannot be referred on.");
        }

        @Test
        void theOnwardReferralIsRaisedByTheReceiverForTheSameCase() {
            referrals.add(new RegisteredReferral(REFERRAL, CASE, BRADFORD, COUNCIL, ESOL, LawfulBasis.CONSENT, false));
            cases.add(caseWithConsent(Set.of(ReferralType.ESOL_PLACEMENT, ReferralType.EMPLOYMENT_SUPPORT), Set.of()));
            ReferralId onward = new ReferralId(uuid(3));
            fixture.givenCurrentTime(NOW)
                    .when(
                            new RaiseReferralCommand(
                                    onward,
                                    ReferralType.EMPLOYMENT_SUPPORT,
                                    CASE,
                                    JOBCENTRE,
                                    new ReferralFacts.EmploymentSupport(
                                            Set.of(),
                                            Set.of(
                                                    org.integratedcommunities.referrals.kernel.referral
                                                            .EmploymentProgramme.TRAINING)),
                                    new ReferralParticulars.EmploymentSupport("Care work", null),
                                    REFERRAL),
                            metaData(ESOL_WORKER))
                    .expectSuccessfulHandlerExecution();
        }
    }

    /** The refusals not covered with their step above, one test each. */
    @Nested
    class MoreRefusals {

        @Test
        void particularsOfAnotherTypeAreRefused() {
            fixture.givenCurrentTime(NOW)
                    .when(
                            new RaiseReferralCommand(
                                    REFERRAL,
                                    ReferralType.ESOL_PLACEMENT,
                                    CASE,
                                    ESOL,
                                    ESOL_FACTS,
                                    new ReferralParticulars.RefugeePostGrant("notes"),
                                    null),
                            metaData(COUNCIL_CASEWORKER))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("The particulars must be those of a ESOL_PLACEMENT referral");
        }

        @Test
        void aPersonsReferralNeedsACase() {
            fixture.givenCurrentTime(NOW)
                    .when(
                            new RaiseReferralCommand(
                                    REFERRAL,
                                    ReferralType.ESOL_PLACEMENT,
                                    null,
                                    ESOL,
                                    ESOL_FACTS,
                                    ESOL_PARTICULARS,
                                    null),
                            metaData(COUNCIL_CASEWORKER))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("Choose the case of the person you are referring");
        }

        @Test
        void aRaisedReferralCannotBeAssigned() {
            given(esolRaised())
                    .when(new AssignReferralCommand(REFERRAL, null, new UserId("colleague")), metaData(ESOL_MANAGER))
                    .expectNoEvents()
                    .expectException(IllegalTransition.class)
                    .expectExceptionMessage("This referral is RAISED: it cannot be assigned.");
        }

        @Test
        void theReferrerCannotReturnItsOwnReferral() {
            given(esolRaised())
                    .when(new ReturnReferralForInformationCommand(REFERRAL, null, "Why?"), metaData(COUNCIL_CASEWORKER))
                    .expectNoEvents()
                    .expectException(NotPermitted.class)
                    .expectExceptionMessage("Only the receiving agency may return referrals for information.");
        }

        @Test
        void anAcceptedReferralCannotBeReturned() {
            given(esolRaised(), accepted())
                    .when(new ReturnReferralForInformationCommand(REFERRAL, null, "Why?"), metaData(ESOL_WORKER))
                    .expectNoEvents()
                    .expectException(IllegalTransition.class)
                    .expectExceptionMessage("This referral is ACCEPTED: it cannot be returned for information.");
        }

        @Test
        void theReceiverCannotRedirect() {
            given(esolRaised(), declined())
                    .when(new RedirectReferralCommand(REFERRAL, null, REFUGEE_CHARITY), metaData(ESOL_WORKER))
                    .expectNoEvents()
                    .expectException(NotPermitted.class)
                    .expectExceptionMessage("Only the referring agency may redirect referrals.");
        }

        @Test
        void aJobStartNeedsItsHours() {
            cases.add(caseWithConsent(Set.of(ReferralType.EMPLOYMENT_SUPPORT), Set.of()));
            fixture.givenCurrentTime(NOW)
                    .andGivenCommands(
                            as(
                                    COUNCIL_CASEWORKER,
                                    new RaiseReferralCommand(
                                            REFERRAL,
                                            ReferralType.EMPLOYMENT_SUPPORT,
                                            CASE,
                                            JOBCENTRE,
                                            new ReferralFacts.EmploymentSupport(
                                                    Set.of(),
                                                    Set.of(
                                                            org.integratedcommunities.referrals.kernel.referral
                                                                    .EmploymentProgramme.TRAINING)),
                                            new ReferralParticulars.EmploymentSupport("Care work", null),
                                            null)),
                            as(JOBCENTRE_WORKER, new AcceptReferralCommand(REFERRAL, null, null)))
                    .when(
                            new RecordOutcomeCommand(
                                    REFERRAL,
                                    null,
                                    new ReferralOutcome.EmploymentSupport(EmploymentOutcomeKind.JOB_START, null),
                                    null),
                            metaData(JOBCENTRE_WORKER))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("Give the hours per week of the job");
        }

        @Test
        void anAssessmentNeedsItsLevel() {
            given(esolRaised(), accepted())
                    .when(
                            new RecordOutcomeCommand(
                                    REFERRAL,
                                    null,
                                    new ReferralOutcome.EsolPlacement(EsolOutcomeKind.ASSESSED, null, null),
                                    null),
                            metaData(ESOL_WORKER))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("Give the level assessed or of the course");
        }

        @Test
        void aRaisedReferralCannotBeGivenAnOutcome() {
            given(esolRaised())
                    .when(
                            new RecordOutcomeCommand(
                                    REFERRAL,
                                    null,
                                    new ReferralOutcome.EsolPlacement(EsolOutcomeKind.WAITING_LIST, null, null),
                                    null),
                            metaData(ESOL_WORKER))
                    .expectNoEvents()
                    .expectException(IllegalTransition.class)
                    .expectExceptionMessage("This referral is RAISED: it cannot be given an outcome.");
        }

        @Test
        void theReferrerCannotReferOn() {
            given(esolRaised(), accepted(), outcomeRecorded())
                    .when(
                            new ReferOnCommand(REFERRAL, null, new ReferralId(uuid(3)), JOBCENTRE),
                            metaData(COUNCIL_CASEWORKER))
                    .expectNoEvents()
                    .expectException(NotPermitted.class)
                    .expectExceptionMessage("Only the receiving agency may refer people on.");
        }

        @Test
        void referringOnGoesOnlyToAnAgencyOfThePartnership() {
            given(esolRaised(), accepted(), outcomeRecorded())
                    .when(
                            new ReferOnCommand(
                                    REFERRAL, null, new ReferralId(uuid(3)), new AgencyId("walsall-jobcentre")),
                            metaData(ESOL_WORKER))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("The receiving agency is not an agency of your partnership");
        }

        @Test
        void onlyAnAllegationAgainstStaffGoesToTheLado() {
            given(esolRaised())
                    .when(new RecordLadoInformedCommand(REFERRAL, null), metaData(ESOL_WORKER))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("Only an allegation against staff or a volunteer goes to the LADO");
        }

        @Test
        void aReferralOnAnotherLawfulBasisIsNotSuspended() {
            ReferralRaisedEvent onPublicTask = new ReferralRaisedEvent(
                    REFERRAL,
                    ReferralType.ESOL_PLACEMENT,
                    BRADFORD,
                    COUNCIL,
                    ESOL,
                    CASE,
                    SUBJECT,
                    LawfulBasis.PUBLIC_TASK,
                    ESOL_FACTS,
                    ESOL_SEALED,
                    null,
                    NOW,
                    null,
                    ESOL_DUE);
            given(onPublicTask, accepted())
                    .when(new SuspendReferralCommand(REFERRAL, SuspensionReason.CONSENT_WITHDRAWN))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    @Nested
    class Suspending {

        @Test
        void aReferralOnConsentIsSuspendedWhenConsentIsWithdrawn() {
            given(esolRaised(), accepted())
                    .when(new SuspendReferralCommand(REFERRAL, SuspensionReason.CONSENT_WITHDRAWN))
                    .expectEvents(new ReferralSuspendedEvent(REFERRAL, SuspensionReason.CONSENT_WITHDRAWN, ESOL, NOW));
        }

        @Test
        void aClosedReferralIsNotSuspended() {
            given(esolRaised(), declined(), new ReferralClosedEvent(REFERRAL, NOW))
                    .when(new SuspendReferralCommand(REFERRAL, SuspensionReason.CONSENT_WITHDRAWN))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aSuspendedReferralCannotBeWorked() {
            given(
                            esolRaised(),
                            accepted(),
                            new ReferralSuspendedEvent(REFERRAL, SuspensionReason.CONSENT_WITHDRAWN, ESOL, NOW))
                    .when(new RecordProgressCommand(REFERRAL, null, "Called", null), metaData(ESOL_WORKER))
                    .expectNoEvents()
                    .expectException(IllegalTransition.class)
                    .expectExceptionMessage("This referral is SUSPENDED: it cannot be given progress.");
        }
    }

    @Nested
    class MoveOnPeriod {

        private final ReferralFacts.RefugeePostGrant facts = new ReferralFacts.RefugeePostGrant(
                LocalDate.of(2026, 11, 16), 28, Set.of(MoveOnNeed.BANK_ACCOUNT, MoveOnNeed.GP_REGISTRATION));

        private RaiseReferralCommand raise() {
            return new RaiseReferralCommand(
                    REFERRAL,
                    ReferralType.REFUGEE_POST_GRANT,
                    CASE,
                    REFUGEE_CHARITY,
                    facts,
                    new ReferralParticulars.RefugeePostGrant(null),
                    null);
        }

        @BeforeEach
        void consent() {
            cases.add(caseWithConsent(Set.of(ReferralType.REFUGEE_POST_GRANT), Set.of()));
        }

        @Test
        void openNeedsEscalateBeforeTheMoveOnPeriodEnds() {
            fixture.givenCurrentTime(NOW)
                    .andGivenCommands(
                            as(COUNCIL_CASEWORKER, raise()),
                            as(REFUGEE_WORKER, new AcceptReferralCommand(REFERRAL, null, null)),
                            as(
                                    REFUGEE_WORKER,
                                    new RecordProgressCommand(REFERRAL, null, null, Set.of(MoveOnNeed.BANK_ACCOUNT))))
                    .whenTimeAdvancesTo(Instant.parse("2026-12-07T00:00:01Z"))
                    .expectEvents(new MoveOnPeriodEndingEvent(
                            REFERRAL,
                            BRADFORD,
                            REFUGEE_CHARITY,
                            LocalDate.of(2026, 12, 14),
                            EnumSet.of(MoveOnNeed.GP_REGISTRATION),
                            Instant.parse("2026-12-07T00:00:00Z")));
        }

        @Test
        void nothingEscalatesWhenEveryNeedIsMet() {
            fixture.givenCurrentTime(NOW)
                    .andGivenCommands(
                            as(COUNCIL_CASEWORKER, raise()),
                            as(REFUGEE_WORKER, new AcceptReferralCommand(REFERRAL, null, null)),
                            as(
                                    REFUGEE_WORKER,
                                    new RecordProgressCommand(
                                            REFERRAL,
                                            null,
                                            null,
                                            Set.of(MoveOnNeed.BANK_ACCOUNT, MoveOnNeed.GP_REGISTRATION))))
                    .whenTimeAdvancesTo(Instant.parse("2026-12-08T00:00:00Z"))
                    .expectNoEvents();
        }

        @Test
        void aRefugeeOutcomeListsTheNeedsMet() {
            var outcome = new ReferralOutcome.RefugeePostGrant(
                    MoveOnOutcomeKind.SOME_NEEDS_MET, Set.of(MoveOnNeed.BANK_ACCOUNT));
            fixture.givenCurrentTime(NOW)
                    .andGivenCommands(
                            as(COUNCIL_CASEWORKER, raise()),
                            as(REFUGEE_WORKER, new AcceptReferralCommand(REFERRAL, null, null)))
                    .when(new RecordOutcomeCommand(REFERRAL, null, outcome, null), metaData(REFUGEE_WORKER))
                    .expectEvents(new ReferralOutcomeRecordedEvent(REFERRAL, outcome, null, NOW));
        }
    }
}
