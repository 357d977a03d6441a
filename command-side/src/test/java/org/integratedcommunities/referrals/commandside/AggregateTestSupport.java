package org.integratedcommunities.referrals.commandside;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.integratedcommunities.referrals.commandside.casefile.CaseRegister;
import org.integratedcommunities.referrals.commandside.casefile.RegisteredCase;
import org.integratedcommunities.referrals.commandside.directory.PartnershipDirectory;
import org.integratedcommunities.referrals.commandside.personaldata.PersonalDataSealer;
import org.integratedcommunities.referrals.commandside.referral.ReferralRegister;
import org.integratedcommunities.referrals.commandside.referral.RegisteredReferral;
import org.integratedcommunities.referrals.commandside.sla.ServiceLevelOverrides;
import org.integratedcommunities.referrals.commandside.sla.ServiceLevels;
import org.integratedcommunities.referrals.commandside.sla.WorkingDayCalendar;
import org.integratedcommunities.referrals.commandside.web.CommandDispatcher;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.identity.UserId;
import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;
import org.integratedcommunities.referrals.kernel.personaldata.Sealed;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;

/** Stand-ins and actors for aggregate tests: predictable sealing, in-memory registers, the demo directory. */
public final class AggregateTestSupport {

    public static final PartnershipId BRADFORD = new PartnershipId("bradford");
    public static final PartnershipId WALSALL = new PartnershipId("walsall");

    public static final Actor COUNCIL_CASEWORKER =
            actor("council-caseworker", "bradford-council-integration", Role.CASEWORKER);
    public static final Actor COUNCIL_MANAGER =
            actor("council-manager", "bradford-council-integration", Role.AGENCY_MANAGER);
    public static final Actor COORDINATOR =
            actor("coordinator", "bradford-council-integration", Role.PARTNERSHIP_COORDINATOR);
    public static final Actor ESOL_WORKER = actor("esol-worker", "bradford-esol", Role.AGENCY_WORKER);
    public static final Actor ESOL_MANAGER = actor("esol-manager", "bradford-esol", Role.AGENCY_MANAGER);
    public static final Actor ESOL_CASEWORKER = actor("esol-caseworker", "bradford-esol", Role.CASEWORKER);
    public static final Actor JOBCENTRE_WORKER = actor("jobcentre-worker", "bradford-jobcentre", Role.AGENCY_WORKER);
    public static final Actor REFUGEE_WORKER = actor("refugee-worker", "bradford-refugee-charity", Role.AGENCY_WORKER);
    public static final Actor SAFEGUARDING_LEAD =
            actor("safeguarding-lead", "bradford-oos-safeguarding", Role.SAFEGUARDING_LEAD);
    public static final Actor OOS_WORKER = actor("oos-worker", "bradford-oos-safeguarding", Role.AGENCY_WORKER);
    public static final Actor WALSALL_ESOL_WORKER = new Actor(
            new UserId("walsall-esol-worker"), new AgencyId("bradford-esol"), WALSALL, Set.of(Role.AGENCY_WORKER));

    private AggregateTestSupport() {}

    public static Actor actor(String user, String agency, Role role) {
        return new Actor(new UserId(user), new AgencyId(agency), BRADFORD, EnumSet.of(role));
    }

    /** The command as the actor sends it through the API: actor in metadata. */
    public static CommandMessage<?> as(Actor actor, Object command) {
        return GenericCommandMessage.asCommandMessage(command).andMetaData(CommandDispatcher.actorMetaData(actor));
    }

    public static MetaData metaData(Actor actor) {
        return CommandDispatcher.actorMetaData(actor);
    }

    public static List<CommandMessage<?>> commands(CommandMessage<?>... commands) {
        return List.of(commands);
    }

    public static PartnershipDirectory directory() {
        return PartnershipDirectory.fromSeed(
                new ObjectMapper(), AggregateTestSupport.class.getResourceAsStream("/directory/partnerships.json"));
    }

    public static ServiceLevels serviceLevels() {
        return new ServiceLevels(WorkingDayCalendar.englandAndWales(), ServiceLevelOverrides.none(), 7);
    }

    public static final ZoneId LONDON = ZoneId.of("Europe/London");

    /** A clock that reads the fixture's simulated time, so deadlines and event times agree. */
    public static Clock clockOf(Supplier<Instant> fixtureTime) {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return fixtureTime.get();
            }
        };
    }

    /** Seals as "sealed:" + plaintext, so expected events can be written down. Never used outside tests. */
    public static final class PlainSealer implements PersonalDataSealer {

        private final ObjectMapper json = new ObjectMapper()
                .findAndRegisterModules()
                .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

        @Override
        public Sealed seal(DataSubjectId subject, String plaintext) {
            return new Sealed(subject, "sealed:" + plaintext);
        }

        @Override
        public <T> Sealed sealJson(DataSubjectId subject, T value) {
            try {
                return seal(subject, json.writeValueAsString(value));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public static final class InMemoryCases implements CaseRegister {

        private final Map<CaseId, RegisteredCase> cases = new HashMap<>();

        public InMemoryCases add(RegisteredCase registered) {
            cases.put(registered.caseId(), registered);
            return this;
        }

        @Override
        public Optional<RegisteredCase> find(CaseId caseId) {
            return Optional.ofNullable(cases.get(caseId));
        }
    }

    public static final class InMemoryReferrals implements ReferralRegister {

        private final Map<ReferralId, RegisteredReferral> referrals = new HashMap<>();

        public InMemoryReferrals add(RegisteredReferral registered) {
            referrals.put(registered.referralId(), registered);
            return this;
        }

        @Override
        public Optional<RegisteredReferral> find(ReferralId referralId) {
            return Optional.ofNullable(referrals.get(referralId));
        }

        @Override
        public List<ReferralId> openReferralsRelyingOnConsent(CaseId caseId) {
            return referrals.values().stream()
                    .filter(r -> caseId.equals(r.caseId()) && r.open())
                    .map(RegisteredReferral::referralId)
                    .toList();
        }
    }

    public static UUID uuid(int n) {
        return UUID.fromString(String.format("00000000-0000-4000-8000-%012d", n));
    }
}
