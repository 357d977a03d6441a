package org.integratedcommunities.referrals.commandside.referral;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.integratedcommunities.referrals.commandside.directory.PartnershipDirectory;
import org.integratedcommunities.referrals.commandside.rules.RuleViolation;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.referral.RaiseReferralCommand;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralRaisedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReferralTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:15:30Z");
    private static final PartnershipId BRADFORD = new PartnershipId("bradford");
    private static final AgencyId COUNCIL = new AgencyId("bradford-council-integration");
    private static final AgencyId ESOL = new AgencyId("bradford-esol");
    private static final AgencyId WALSALL_ESOL = new AgencyId("walsall-esol");

    private final ReferralId referralId = new ReferralId(UUID.fromString("6f1c1d7e-2a7b-4c55-9a57-0f3b0e5a1c11"));
    private AggregateTestFixture<Referral> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Referral.class);
        fixture.registerInjectableResource(PartnershipDirectory.fromSeed(
                new ObjectMapper(), getClass().getResourceAsStream("/directory/partnerships.json")));
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void raisingToAnotherAgencyOfThePartnershipPutsItInTheirInbox() {
        fixture.givenNoPriorActivity()
                .when(new RaiseReferralCommand(referralId, ReferralType.ESOL_PLACEMENT, BRADFORD, COUNCIL, ESOL))
                .expectSuccessfulHandlerExecution()
                .expectEvents(
                        new ReferralRaisedEvent(referralId, ReferralType.ESOL_PLACEMENT, BRADFORD, COUNCIL, ESOL, NOW));
    }

    @Test
    void referralsToOnesOwnAgencyAreRejected() {
        fixture.givenNoPriorActivity()
                .when(new RaiseReferralCommand(referralId, ReferralType.ESOL_PLACEMENT, BRADFORD, ESOL, ESOL))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage("A referral must go to another agency than your own");
    }

    @Test
    void referralsToAnAgencyOfAnotherPartnershipAreRejected() {
        fixture.givenNoPriorActivity()
                .when(new RaiseReferralCommand(
                        referralId, ReferralType.ESOL_PLACEMENT, BRADFORD, COUNCIL, WALSALL_ESOL))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage("The receiving agency is not an agency of your partnership");
    }

    @Test
    void referralsToAnUnknownAgencyAreRejected() {
        fixture.givenNoPriorActivity()
                .when(new RaiseReferralCommand(
                        referralId, ReferralType.EMPLOYMENT_SUPPORT, BRADFORD, COUNCIL, new AgencyId("bradford-zoo")))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }
}
