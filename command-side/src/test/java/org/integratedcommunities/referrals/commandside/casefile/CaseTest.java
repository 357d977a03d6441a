package org.integratedcommunities.referrals.commandside.casefile;

import static org.integratedcommunities.referrals.commandside.AggregateTestSupport.BRADFORD;
import static org.integratedcommunities.referrals.commandside.AggregateTestSupport.COORDINATOR;
import static org.integratedcommunities.referrals.commandside.AggregateTestSupport.COUNCIL_CASEWORKER;
import static org.integratedcommunities.referrals.commandside.AggregateTestSupport.COUNCIL_MANAGER;
import static org.integratedcommunities.referrals.commandside.AggregateTestSupport.ESOL_WORKER;
import static org.integratedcommunities.referrals.commandside.AggregateTestSupport.WALSALL_ESOL_WORKER;
import static org.integratedcommunities.referrals.commandside.AggregateTestSupport.metaData;
import static org.integratedcommunities.referrals.commandside.AggregateTestSupport.uuid;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.integratedcommunities.referrals.commandside.AggregateTestSupport;
import org.integratedcommunities.referrals.commandside.AggregateTestSupport.PlainSealer;
import org.integratedcommunities.referrals.commandside.authorisation.NotPermitted;
import org.integratedcommunities.referrals.commandside.authorisation.NotVisible;
import org.integratedcommunities.referrals.commandside.rules.RuleViolation;
import org.integratedcommunities.referrals.kernel.casefile.CaseErasedEvent;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.casefile.CaseOpenedEvent;
import org.integratedcommunities.referrals.kernel.casefile.ConsentDetails;
import org.integratedcommunities.referrals.kernel.casefile.ConsentGivenBy;
import org.integratedcommunities.referrals.kernel.casefile.ConsentWithdrawnEvent;
import org.integratedcommunities.referrals.kernel.casefile.EraseCaseCommand;
import org.integratedcommunities.referrals.kernel.casefile.ImmigrationStatus;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasis;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasisRecordedEvent;
import org.integratedcommunities.referrals.kernel.casefile.OpenCaseCommand;
import org.integratedcommunities.referrals.kernel.casefile.PersonDetails;
import org.integratedcommunities.referrals.kernel.casefile.RecordLawfulBasisCommand;
import org.integratedcommunities.referrals.kernel.casefile.WithdrawConsentCommand;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;
import org.integratedcommunities.referrals.kernel.personaldata.Sealed;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A case: opening with sealed personal data, lawful bases, consent withdrawal and erasure. */
class CaseTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final CaseId CASE = new CaseId(uuid(7));
    private static final DataSubjectId SUBJECT = new DataSubjectId(uuid(7));
    private static final AgencyId COUNCIL = COUNCIL_CASEWORKER.agencyId();
    private static final PersonDetails PERSON = new PersonDetails(
            "Farida Example",
            LocalDate.of(1988, 4, 2),
            "07700 900123",
            null,
            null,
            "Pashto",
            true,
            ImmigrationStatus.REFUGEE_STATUS);
    private static final ConsentDetails CONSENT = new ConsentDetails(
            ConsentGivenBy.DATA_SUBJECT, LocalDate.of(2026, 11, 20), Set.of(ReferralType.ESOL_PLACEMENT), Set.of());

    private AggregateTestFixture<Case> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Case.class);
        fixture.registerInjectableResource(new PlainSealer());
        fixture.registerInjectableResource(AggregateTestSupport.clockOf(fixture::currentTime));
    }

    private CaseOpenedEvent opened() {
        return new CaseOpenedEvent(CASE, BRADFORD, COUNCIL, SUBJECT, new Sealed(SUBJECT, "sealed:x"), NOW);
    }

    private LawfulBasisRecordedEvent consentRecorded() {
        return new LawfulBasisRecordedEvent(
                CASE,
                BRADFORD,
                LawfulBasis.CONSENT,
                CONSENT.givenBy(),
                CONSENT.givenOn(),
                CONSENT.purposes(),
                CONSENT.agencies(),
                NOW);
    }

    private TestExecutor<Case> given(Object... events) {
        return fixture.givenCurrentTime(NOW).andGiven(List.of(events));
    }

    @Test
    void aCaseworkerOpensACaseWithThePersonsDetailsSealedUnderTheirOwnKey() {
        fixture.givenCurrentTime(NOW)
                .when(new OpenCaseCommand(CASE, PERSON), metaData(COUNCIL_CASEWORKER))
                .expectEvents(new CaseOpenedEvent(
                        CASE,
                        BRADFORD,
                        COUNCIL,
                        SUBJECT,
                        new Sealed(
                                SUBJECT,
                                "sealed:{\"fullName\":\"Farida Example\",\"dateOfBirth\":\"1988-04-02\","
                                        + "\"phone\":\"07700 900123\",\"email\":null,\"address\":null,"
                                        + "\"preferredLanguage\":\"Pashto\",\"interpreterNeeded\":true,"
                                        + "\"immigrationStatus\":\"REFUGEE_STATUS\"}"),
                        NOW));
    }

    @Test
    void aCoordinatorCannotOpenCases() {
        fixture.givenCurrentTime(NOW)
                .when(new OpenCaseCommand(CASE, PERSON), metaData(COORDINATOR))
                .expectNoEvents()
                .expectException(NotPermitted.class)
                .expectExceptionMessage("Your role does not allow you to open cases.");
    }

    @Test
    void consentIsRecordedWithWhoWhenAndWhatFor() {
        given(opened())
                .when(
                        new RecordLawfulBasisCommand(CASE, null, LawfulBasis.CONSENT, CONSENT),
                        metaData(COUNCIL_CASEWORKER))
                .expectEvents(consentRecorded());
    }

    @Test
    void consentNeedsItsDetails() {
        given(opened())
                .when(new RecordLawfulBasisCommand(CASE, null, LawfulBasis.CONSENT, null), metaData(COUNCIL_CASEWORKER))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage("Say who gave consent, when, and for what");
    }

    @Test
    void anotherBasisCarriesNoConsentDetails() {
        given(opened())
                .when(
                        new RecordLawfulBasisCommand(CASE, null, LawfulBasis.PUBLIC_TASK, CONSENT),
                        metaData(COUNCIL_CASEWORKER))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage("Consent details belong only with the consent basis");
    }

    @Test
    void aPublicTaskBasisIsRecorded() {
        given(opened())
                .when(
                        new RecordLawfulBasisCommand(CASE, null, LawfulBasis.PUBLIC_TASK, null),
                        metaData(COUNCIL_CASEWORKER))
                .expectEvents(new LawfulBasisRecordedEvent(
                        CASE, BRADFORD, LawfulBasis.PUBLIC_TASK, null, null, null, null, NOW));
    }

    @Test
    void anotherAgencyCannotSeeTheCase() {
        given(opened())
                .when(new RecordLawfulBasisCommand(CASE, null, LawfulBasis.CONSENT, CONSENT), metaData(ESOL_WORKER))
                .expectNoEvents()
                .expectException(NotVisible.class);
    }

    @Test
    void anotherPartnershipCannotSeeTheCase() {
        given(opened())
                .when(new WithdrawConsentCommand(CASE, null), metaData(WALSALL_ESOL_WORKER))
                .expectNoEvents()
                .expectException(NotVisible.class);
    }

    @Test
    void consentIsWithdrawn() {
        given(opened(), consentRecorded())
                .when(new WithdrawConsentCommand(CASE, null), metaData(COUNCIL_CASEWORKER))
                .expectEvents(new ConsentWithdrawnEvent(CASE, BRADFORD, NOW));
    }

    @Test
    void withdrawingNeedsConsentInForce() {
        given(opened(), consentRecorded(), new ConsentWithdrawnEvent(CASE, BRADFORD, NOW))
                .when(new WithdrawConsentCommand(CASE, null), metaData(COUNCIL_CASEWORKER))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage("No consent is in force for this case");
    }

    @Test
    void aManagerOfTheHoldingAgencyErasesTheCase() {
        given(opened())
                .when(new EraseCaseCommand(CASE), metaData(COUNCIL_MANAGER))
                .expectEvents(new CaseErasedEvent(CASE, BRADFORD, SUBJECT, NOW));
    }

    @Test
    void aCaseworkerCannotErase() {
        given(opened())
                .when(new EraseCaseCommand(CASE), metaData(COUNCIL_CASEWORKER))
                .expectNoEvents()
                .expectException(NotPermitted.class)
                .expectExceptionMessage("Only a manager of the agency that holds the case may erase it.");
    }

    @Test
    void anErasedCaseNoLongerChanges() {
        given(opened(), new CaseErasedEvent(CASE, BRADFORD, SUBJECT, NOW))
                .when(
                        new RecordLawfulBasisCommand(CASE, null, LawfulBasis.CONSENT, CONSENT),
                        metaData(COUNCIL_CASEWORKER))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage("This person's data was erased: the case can no longer change");
    }
}
