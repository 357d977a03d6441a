package org.integratedcommunities.referrals.queryside.escalation;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.flywaydb.core.Flyway;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasis;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.identity.UserId;
import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;
import org.integratedcommunities.referrals.kernel.personaldata.Sealed;
import org.integratedcommunities.referrals.kernel.referral.ConcernCategory;
import org.integratedcommunities.referrals.kernel.referral.EsolMode;
import org.integratedcommunities.referrals.kernel.referral.MoveOnNeed;
import org.integratedcommunities.referrals.kernel.referral.ReferralFacts;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralRaisedEvent;
import org.integratedcommunities.referrals.kernel.referral.SettingSize;
import org.integratedcommunities.referrals.kernel.referral.SettingType;
import org.integratedcommunities.referrals.testsupport.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What the escalation tests share: the database (the event store created by its own migration, as the command side's
 * Flyway creates it), referral events appended as the command side appends them, and a wait for the escalations
 * processing group to have applied a referral's events.
 */
final class EscalationEvents {

    static final PartnershipId BRADFORD = new PartnershipId("bradford");
    static final PartnershipId WALSALL = new PartnershipId("walsall");

    private EscalationEvents() {}

    static void useDatabase(TestDatabase database, DynamicPropertyRegistry registry) {
        Flyway.configure()
                .dataSource(database.url(), TestDatabase.user(), TestDatabase.password())
                .schemas("event_store")
                .defaultSchema("event_store")
                .locations("classpath:db/eventstore", "classpath:db/personaldata")
                .load()
                .migrate();
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", TestDatabase::user);
        registry.add("spring.datasource.password", TestDatabase::password);
    }

    static Actor actor(PartnershipId partnership, String agency, Role... roles) {
        return new Actor(
                new UserId(UUID.randomUUID().toString()),
                new AgencyId(agency),
                partnership,
                roles.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.of(roles[0], roles));
    }

    static ReferralId newReferral() {
        return new ReferralId(UUID.randomUUID());
    }

    /** Now, as PostgreSQL keeps it (microseconds), so that times read back compare equal. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    static ReferralFacts esol() {
        return new ReferralFacts.EsolPlacement(null, Set.of(EsolMode.ONLINE), false, false);
    }

    static ReferralFacts refugee(LocalDate granted, MoveOnNeed... needs) {
        return new ReferralFacts.RefugeePostGrant(granted, 28, Set.of(needs));
    }

    /** An out-of-school-settings concern alleging something against staff or a volunteer: it must reach the LADO. */
    static ReferralFacts allegationAgainstStaff() {
        return new ReferralFacts.OutOfSchoolSettingsConcern(
                SettingType.SUPPLEMENTARY_SCHOOL,
                SettingSize.SMALL,
                Set.of(ConcernCategory.STAFF_SUITABILITY),
                false,
                false,
                true,
                true);
    }

    static ReferralRaisedEvent raised(
            ReferralId referralId,
            PartnershipId partnership,
            AgencyId referring,
            AgencyId receiving,
            ReferralFacts facts,
            Instant raisedAt,
            Instant acknowledgeBy) {
        boolean concern = facts instanceof ReferralFacts.OutOfSchoolSettingsConcern;
        DataSubjectId subject = new DataSubjectId(concern ? referralId.value() : UUID.randomUUID());
        return new ReferralRaisedEvent(
                referralId,
                facts.type(),
                partnership,
                referring,
                receiving,
                concern ? null : new CaseId(subject.value()),
                subject,
                concern ? LawfulBasis.PUBLIC_TASK : LawfulBasis.CONSENT,
                facts,
                new Sealed(subject, "c2VhbGVk"),
                null,
                raisedAt,
                null,
                acknowledgeBy);
    }

    /** Appends the events of one referral in sequence, as the command side would. */
    static final class Appender {

        private final EventStore eventStore;
        private final ReferralId referralId;
        private long next;

        Appender(EventStore eventStore, ReferralId referralId) {
            this.eventStore = eventStore;
            this.referralId = referralId;
        }

        Appender append(Object event) {
            eventStore.publish(new GenericDomainEventMessage<>(
                    "Referral", referralId.toString(), next++, event, MetaData.with("userId", "someone")));
            return this;
        }

        /** The sequence of the newest event appended. */
        long version() {
            return next - 1;
        }

        /** Waits until the escalations processing group has applied every event appended so far. */
        Appender awaitApplied(JdbcTemplate jdbc) {
            long version = version();
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> jdbc.queryForList(
                                    "SELECT last_event_sequence FROM read_model.escalation_referral"
                                            + " WHERE referral_id = ?",
                                    Long.class,
                                    referralId.value())
                            .contains(version));
            return this;
        }
    }
}
