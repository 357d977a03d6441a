package org.integratedcommunities.referrals.commandside.directory;

import static org.integratedcommunities.referrals.commandside.AggregateTestSupport.BRADFORD;
import static org.integratedcommunities.referrals.commandside.AggregateTestSupport.COUNCIL_MANAGER;
import static org.integratedcommunities.referrals.commandside.AggregateTestSupport.WALSALL;
import static org.integratedcommunities.referrals.commandside.AggregateTestSupport.actor;
import static org.integratedcommunities.referrals.commandside.AggregateTestSupport.metaData;
import static org.integratedcommunities.referrals.kernel.referral.ReferralType.EMPLOYMENT_SUPPORT;
import static org.integratedcommunities.referrals.kernel.referral.ReferralType.ESOL_PLACEMENT;
import static org.integratedcommunities.referrals.kernel.referral.ReferralType.REFUGEE_POST_GRANT;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.integratedcommunities.referrals.commandside.AggregateTestSupport;
import org.integratedcommunities.referrals.commandside.authorisation.NotPermitted;
import org.integratedcommunities.referrals.commandside.authorisation.NotVisible;
import org.integratedcommunities.referrals.commandside.rules.IllegalTransition;
import org.integratedcommunities.referrals.commandside.rules.RuleViolation;
import org.integratedcommunities.referrals.kernel.directory.AcknowledgementServiceLevelSetEvent;
import org.integratedcommunities.referrals.kernel.directory.AgencyRegisteredEvent;
import org.integratedcommunities.referrals.kernel.directory.AgencyRetiredEvent;
import org.integratedcommunities.referrals.kernel.directory.AgencyServicesChangedEvent;
import org.integratedcommunities.referrals.kernel.directory.ChangeAgencyServicesCommand;
import org.integratedcommunities.referrals.kernel.directory.PartnershipRegisteredEvent;
import org.integratedcommunities.referrals.kernel.directory.RegisterAgencyCommand;
import org.integratedcommunities.referrals.kernel.directory.RegisterPartnershipCommand;
import org.integratedcommunities.referrals.kernel.directory.RetireAgencyCommand;
import org.integratedcommunities.referrals.kernel.directory.SetAcknowledgementServiceLevelCommand;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.identity.UserId;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A partnership's directory: every command, and every refusal. */
class PartnershipTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final String NAME = "Bradford Local Integration Partnership";

    private static final Actor ADMIN = actor("bradford-admin", "bradford-council-integration", Role.ADMIN);
    private static final Actor WALSALL_ADMIN = new Actor(
            new UserId("walsall-admin"), new AgencyId("walsall-council-integration"), WALSALL, Set.of(Role.ADMIN));

    private static final AgencyId ESOL = new AgencyId("bradford-esol");
    private static final AgencyId HUB = new AgencyId("bradford-new-arrivals-hub");
    private static final String HUB_NAME = "Bradford New Arrivals Hub";

    private AggregateTestFixture<Partnership> fixture;

    /** Agency ids other partnerships took: bradford-east's ids also start with "bradford-". */
    private final Map<AgencyId, PartnershipId> takenElsewhere =
            Map.of(new AgencyId("bradford-east-esol"), new PartnershipId("bradford-east"));

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Partnership.class);
        fixture.registerInjectableResource(AggregateTestSupport.clockOf(fixture::currentTime));
        fixture.registerInjectableResource(new PartnershipDirectory() {
            @Override
            public boolean isAgencyOf(PartnershipId partnership, AgencyId agency) {
                return partnership.equals(takenElsewhere.get(agency));
            }

            @Override
            public boolean offers(PartnershipId partnership, AgencyId agency, ReferralType type) {
                return false;
            }

            @Override
            public Optional<PartnershipId> partnershipOf(AgencyId agency) {
                return Optional.ofNullable(takenElsewhere.get(agency));
            }
        });
    }

    private static PartnershipRegisteredEvent registered() {
        return new PartnershipRegisteredEvent(BRADFORD, NAME, NOW);
    }

    private static AgencyRegisteredEvent esolRegistered() {
        return new AgencyRegisteredEvent(BRADFORD, ESOL, "Airedale ESOL Learning Centre", Set.of(ESOL_PLACEMENT), NOW);
    }

    private TestExecutor<Partnership> given(Object... events) {
        return fixture.givenCurrentTime(NOW).andGiven(List.of(events));
    }

    @Nested
    class RegisteringThePartnership {

        @Test
        void anAdminRegistersTheirPartnership() {
            fixture.givenCurrentTime(NOW)
                    .when(new RegisterPartnershipCommand(BRADFORD, "  " + NAME + " "), metaData(ADMIN))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(registered());
        }

        @Test
        void aPartnershipIsRegisteredOnce() {
            given(registered())
                    .when(new RegisterPartnershipCommand(BRADFORD, NAME), metaData(ADMIN))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("This partnership is already registered");
        }

        @Test
        void onlyAnAdminRegistersAPartnership() {
            fixture.givenCurrentTime(NOW)
                    .when(new RegisterPartnershipCommand(BRADFORD, NAME), metaData(COUNCIL_MANAGER))
                    .expectNoEvents()
                    .expectException(NotPermitted.class)
                    .expectExceptionMessage("Your role does not allow you to change the partnership directory.");
        }

        @Test
        void anAdminRegistersNoOtherPartnership() {
            fixture.givenCurrentTime(NOW)
                    .when(new RegisterPartnershipCommand(BRADFORD, NAME), metaData(WALSALL_ADMIN))
                    .expectNoEvents()
                    .expectException(NotVisible.class)
                    .expectExceptionMessage("There is no such record.");
        }

        @Test
        void nobodyRegistersAPartnershipWithoutSigningIn() {
            fixture.givenCurrentTime(NOW)
                    .when(new RegisterPartnershipCommand(BRADFORD, NAME))
                    .expectNoEvents()
                    .expectException(NotPermitted.class)
                    .expectExceptionMessage("This step needs a signed-in user.");
        }

        @Test
        void aPartnershipHasAName() {
            fixture.givenCurrentTime(NOW)
                    .when(new RegisterPartnershipCommand(BRADFORD, " "), metaData(ADMIN))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("Give the partnership's name");
        }

        @Test
        void aNameIsAtMost200Characters() {
            fixture.givenCurrentTime(NOW)
                    .when(new RegisterPartnershipCommand(BRADFORD, "x".repeat(201)), metaData(ADMIN))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("A name is at most 200 characters");
        }

        /** Other aggregates' ids are UUIDs, in the same event table: a partnership id must never look like one. */
        @Test
        void aPartnershipIdIsNeverAUuid() {
            PartnershipId uuid = new PartnershipId("3d2a7c1e-0000-4000-8000-000000000001");
            Actor admin = new Actor(new UserId("odd-admin"), new AgencyId("odd-agency"), uuid, Set.of(Role.ADMIN));
            fixture.givenCurrentTime(NOW)
                    .when(new RegisterPartnershipCommand(uuid, NAME), metaData(admin))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("A partnership id is a short name such as bradford, not a UUID");
        }
    }

    @Nested
    class RegisteringAgencies {

        private RegisterAgencyCommand registerHub(String agencyId) {
            return new RegisterAgencyCommand(
                    BRADFORD, new AgencyId(agencyId), HUB_NAME, Set.of(REFUGEE_POST_GRANT, ESOL_PLACEMENT));
        }

        @Test
        void anAdminRegistersAnAgencyWithTheServicesItOffers() {
            given(registered(), esolRegistered())
                    .when(registerHub(HUB.value()), metaData(ADMIN))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new AgencyRegisteredEvent(
                            BRADFORD, HUB, HUB_NAME, EnumSet.of(REFUGEE_POST_GRANT, ESOL_PLACEMENT), NOW));
        }

        @Test
        void anAgencyMayOfferNothingAndOnlyRefer() {
            given(registered())
                    .when(new RegisterAgencyCommand(BRADFORD, HUB, HUB_NAME, null), metaData(ADMIN))
                    .expectEvents(new AgencyRegisteredEvent(BRADFORD, HUB, HUB_NAME, Set.of(), NOW));
        }

        @Test
        void anAgencyIsRegisteredOnce() {
            given(registered(), esolRegistered())
                    .when(new RegisterAgencyCommand(BRADFORD, ESOL, "Another ESOL Centre", Set.of()), metaData(ADMIN))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("This agency is already registered");
        }

        @Test
        void aRetiredAgencysIdIsNotReused() {
            given(registered(), esolRegistered(), new AgencyRetiredEvent(BRADFORD, ESOL, NOW))
                    .when(new RegisterAgencyCommand(BRADFORD, ESOL, "New ESOL Centre", Set.of()), metaData(ADMIN))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("An agency with this id has retired: ids are not reused");
        }

        @Test
        void anAgencyIdStartsWithThePartnershipsId() {
            given(registered())
                    .when(registerHub("walsall-new-arrivals-hub"), metaData(ADMIN))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("An agency id of this partnership starts with \"bradford-\"");
        }

        @Test
        void anAgencyIdIsMoreThanThePartnershipsPrefix() {
            given(registered())
                    .when(registerHub("bradford-"), metaData(ADMIN))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("An agency id of this partnership starts with \"bradford-\"");
        }

        @Test
        void anAgencyIdTakenByAnotherPartnershipIsRefused() {
            given(registered())
                    .when(registerHub("bradford-east-esol"), metaData(ADMIN))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("This agency id is already taken");
        }

        @Test
        void anAgencyHasAnId() {
            given(registered())
                    .when(new RegisterAgencyCommand(BRADFORD, null, HUB_NAME, Set.of()), metaData(ADMIN))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("Give the agency an id");
        }

        @Test
        void anAgencyHasAName() {
            given(registered())
                    .when(new RegisterAgencyCommand(BRADFORD, HUB, "", Set.of()), metaData(ADMIN))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("Give the agency's name");
        }

        @Test
        void onlyAnAdminRegistersAgencies() {
            given(registered())
                    .when(registerHub(HUB.value()), metaData(COUNCIL_MANAGER))
                    .expectNoEvents()
                    .expectException(NotPermitted.class)
                    .expectExceptionMessage("Your role does not allow you to change the partnership directory.");
        }

        @Test
        void anotherPartnershipsAdminDoesNotSeeThisDirectory() {
            given(registered())
                    .when(registerHub(HUB.value()), metaData(WALSALL_ADMIN))
                    .expectNoEvents()
                    .expectException(NotVisible.class)
                    .expectExceptionMessage("There is no such record.");
        }

        @Test
        void agenciesJoinARegisteredPartnershipOnly() {
            fixture.givenNoPriorActivity()
                    .when(registerHub(HUB.value()), metaData(ADMIN))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }
    }

    @Nested
    class ChangingServices {

        @Test
        void anAdminReplacesTheServicesAnAgencyOffers() {
            given(registered(), esolRegistered())
                    .when(
                            new ChangeAgencyServicesCommand(BRADFORD, ESOL, Set.of(ESOL_PLACEMENT, EMPLOYMENT_SUPPORT)),
                            metaData(ADMIN))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new AgencyServicesChangedEvent(
                            BRADFORD, ESOL, Set.of(ESOL_PLACEMENT, EMPLOYMENT_SUPPORT), NOW));
        }

        @Test
        void theSameServicesAgainRecordNothing() {
            given(registered(), esolRegistered())
                    .when(new ChangeAgencyServicesCommand(BRADFORD, ESOL, Set.of(ESOL_PLACEMENT)), metaData(ADMIN))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void anUnknownAgencyIsNoRecord() {
            given(registered())
                    .when(new ChangeAgencyServicesCommand(BRADFORD, ESOL, Set.of()), metaData(ADMIN))
                    .expectNoEvents()
                    .expectException(NotVisible.class)
                    .expectExceptionMessage("There is no such record.");
        }

        @Test
        void aRetiredAgencyIsNotChanged() {
            given(registered(), esolRegistered(), new AgencyRetiredEvent(BRADFORD, ESOL, NOW))
                    .when(new ChangeAgencyServicesCommand(BRADFORD, ESOL, Set.of()), metaData(ADMIN))
                    .expectNoEvents()
                    .expectException(IllegalTransition.class)
                    .expectExceptionMessage("This agency is RETIRED: it cannot be changed.");
        }

        @Test
        void onlyAnAdminChangesServices() {
            given(registered(), esolRegistered())
                    .when(new ChangeAgencyServicesCommand(BRADFORD, ESOL, Set.of()), metaData(COUNCIL_MANAGER))
                    .expectNoEvents()
                    .expectException(NotPermitted.class)
                    .expectExceptionMessage("Your role does not allow you to change the partnership directory.");
        }

        @Test
        void anotherPartnershipsAdminDoesNotSeeThisDirectory() {
            given(registered(), esolRegistered())
                    .when(new ChangeAgencyServicesCommand(BRADFORD, ESOL, Set.of()), metaData(WALSALL_ADMIN))
                    .expectNoEvents()
                    .expectException(NotVisible.class)
                    .expectExceptionMessage("There is no such record.");
        }
    }

    @Nested
    class RetiringAgencies {

        @Test
        void anAdminRetiresAnAgency() {
            given(registered(), esolRegistered())
                    .when(new RetireAgencyCommand(BRADFORD, ESOL), metaData(ADMIN))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new AgencyRetiredEvent(BRADFORD, ESOL, NOW));
        }

        @Test
        void anAgencyRetiresOnce() {
            given(registered(), esolRegistered(), new AgencyRetiredEvent(BRADFORD, ESOL, NOW))
                    .when(new RetireAgencyCommand(BRADFORD, ESOL), metaData(ADMIN))
                    .expectNoEvents()
                    .expectException(IllegalTransition.class)
                    .expectExceptionMessage("This agency is RETIRED: it cannot be retired.");
        }

        @Test
        void anUnknownAgencyIsNoRecord() {
            given(registered())
                    .when(new RetireAgencyCommand(BRADFORD, new AgencyId("walsall-esol")), metaData(ADMIN))
                    .expectNoEvents()
                    .expectException(NotVisible.class)
                    .expectExceptionMessage("There is no such record.");
        }

        @Test
        void onlyAnAdminRetiresAgencies() {
            given(registered(), esolRegistered())
                    .when(new RetireAgencyCommand(BRADFORD, ESOL), metaData(COUNCIL_MANAGER))
                    .expectNoEvents()
                    .expectException(NotPermitted.class)
                    .expectExceptionMessage("Your role does not allow you to change the partnership directory.");
        }

        @Test
        void anotherPartnershipsAdminDoesNotSeeThisDirectory() {
            given(registered(), esolRegistered())
                    .when(new RetireAgencyCommand(BRADFORD, ESOL), metaData(WALSALL_ADMIN))
                    .expectNoEvents()
                    .expectException(NotVisible.class)
                    .expectExceptionMessage("There is no such record.");
        }
    }

    @Nested
    class SettingServiceLevels {

        @Test
        void anAdminSetsAnAcknowledgementServiceLevel() {
            given(registered())
                    .when(new SetAcknowledgementServiceLevelCommand(BRADFORD, ESOL_PLACEMENT, 5), metaData(ADMIN))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new AcknowledgementServiceLevelSetEvent(BRADFORD, ESOL_PLACEMENT, 5, NOW));
        }

        @Test
        void aNewValueReplacesTheLast() {
            given(registered(), new AcknowledgementServiceLevelSetEvent(BRADFORD, ESOL_PLACEMENT, 5, NOW))
                    .when(new SetAcknowledgementServiceLevelCommand(BRADFORD, ESOL_PLACEMENT, 50), metaData(ADMIN))
                    .expectEvents(new AcknowledgementServiceLevelSetEvent(BRADFORD, ESOL_PLACEMENT, 50, NOW));
        }

        @Test
        void theSameValueAgainRecordsNothing() {
            given(registered(), new AcknowledgementServiceLevelSetEvent(BRADFORD, ESOL_PLACEMENT, 5, NOW))
                    .when(new SetAcknowledgementServiceLevelCommand(BRADFORD, ESOL_PLACEMENT, 5), metaData(ADMIN))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aServiceLevelIsAtLeastOneWorkingDay() {
            given(registered())
                    .when(new SetAcknowledgementServiceLevelCommand(BRADFORD, ESOL_PLACEMENT, 0), metaData(ADMIN))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("An acknowledgement service level is 1 to 50 working days");
        }

        @Test
        void aServiceLevelIsAtMostFiftyWorkingDays() {
            given(registered())
                    .when(new SetAcknowledgementServiceLevelCommand(BRADFORD, ESOL_PLACEMENT, 51), metaData(ADMIN))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("An acknowledgement service level is 1 to 50 working days");
        }

        @Test
        void aServiceLevelIsForAKindOfReferral() {
            given(registered())
                    .when(new SetAcknowledgementServiceLevelCommand(BRADFORD, null, 5), metaData(ADMIN))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("Say which kind of referral the service level is for");
        }

        @Test
        void onlyAnAdminSetsServiceLevels() {
            given(registered())
                    .when(
                            new SetAcknowledgementServiceLevelCommand(BRADFORD, ESOL_PLACEMENT, 5),
                            metaData(COUNCIL_MANAGER))
                    .expectNoEvents()
                    .expectException(NotPermitted.class)
                    .expectExceptionMessage("Your role does not allow you to change the partnership directory.");
        }

        @Test
        void anotherPartnershipsAdminDoesNotSeeThisDirectory() {
            given(registered())
                    .when(
                            new SetAcknowledgementServiceLevelCommand(BRADFORD, ESOL_PLACEMENT, 5),
                            metaData(WALSALL_ADMIN))
                    .expectNoEvents()
                    .expectException(NotVisible.class)
                    .expectExceptionMessage("There is no such record.");
        }
    }
}
