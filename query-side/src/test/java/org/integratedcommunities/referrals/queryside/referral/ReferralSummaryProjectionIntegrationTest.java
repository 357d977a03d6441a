package org.integratedcommunities.referrals.queryside.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
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
import org.integratedcommunities.referrals.kernel.referral.EmploymentProgramme;
import org.integratedcommunities.referrals.kernel.referral.EsolMode;
import org.integratedcommunities.referrals.kernel.referral.ReferralFacts;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralRaisedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralStatus;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.kernel.referral.SettingSize;
import org.integratedcommunities.referrals.kernel.referral.SettingType;
import org.integratedcommunities.referrals.queryside.QuerySideTestSupport;
import org.integratedcommunities.referrals.queryside.referral.ReferralListQuery.Box;
import org.integratedcommunities.referrals.queryside.referral.ReferralSummaryRepository.StoredReferral;
import org.integratedcommunities.referrals.queryside.web.ReadModelReads;
import org.integratedcommunities.referrals.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The referral summary projection on the real PostgreSQL: events appended to the event store (as the command side
 * would) reach the read model once each, and reads (as the actor, through {@link ReadModelReads}) are scoped to the
 * actor's agency, partnership and role.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ReferralSummaryProjectionIntegrationTest {

    private static final TestDatabase database = TestDatabase.create("projection");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        // The command side owns the event store schema; here it is created the same way, from the same migration.
        Flyway.configure()
                .dataSource(database.url(), TestDatabase.user(), TestDatabase.password())
                .schemas("event_store")
                .locations("classpath:db/eventstore")
                .load()
                .migrate();
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", TestDatabase::user);
        registry.add("spring.datasource.password", TestDatabase::password);
    }

    @AfterAll
    static void dropDatabase(@Autowired EventProcessingConfiguration processing) {
        QuerySideTestSupport.stopProcessorsAndDrop(processing, database);
    }

    @Autowired
    EventStore eventStore;

    @Autowired
    ReferralSummaryRepository repository;

    @Autowired
    ReadModelReads reads;

    @Autowired
    JdbcTemplate jdbc;

    private static final PartnershipId BRADFORD = new PartnershipId("bradford");
    private final Actor councilCaseworker = actor("bradford-council-integration", BRADFORD, Role.CASEWORKER);
    private final Actor esolWorker = actor("bradford-esol", BRADFORD, Role.AGENCY_WORKER);
    private final Actor jobcentreWorker = actor("bradford-jobcentre", BRADFORD, Role.AGENCY_WORKER);
    private final Actor oosWorker = actor("bradford-oos-safeguarding", BRADFORD, Role.AGENCY_WORKER);
    private final Actor safeguardingLead = actor("bradford-oos-safeguarding", BRADFORD, Role.SAFEGUARDING_LEAD);
    private final Actor walsallEsolWorker = actor("bradford-esol", new PartnershipId("walsall"), Role.AGENCY_WORKER);

    @Test
    void raisedReferralReachesTheInboxAndOutboxAndNobodyElse() {
        ReferralId referralId = new ReferralId(UUID.randomUUID());
        Instant raisedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        appendRaised(referralId, ReferralType.ESOL_PLACEMENT, esolWorker.agencyId(), raisedAt);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> findVisible(referralId, esolWorker).isPresent());

        var seenByReceiver = findVisible(referralId, esolWorker).orElseThrow();
        assertThat(seenByReceiver.status()).isEqualTo(ReferralStatus.RAISED);
        assertThat(seenByReceiver.raisedAt()).isEqualTo(raisedAt);
        assertThat(findVisible(referralId, councilCaseworker)).isPresent();
        assertThat(list(esolWorker, Box.INBOX, 50)).extracting("referralId").contains(referralId);
        assertThat(list(esolWorker, Box.OUTBOX, 50)).extracting("referralId").doesNotContain(referralId);
        assertThat(list(councilCaseworker, Box.OUTBOX, 50))
                .extracting("referralId")
                .contains(referralId);

        assertThat(findVisible(referralId, jobcentreWorker)).isEmpty();
        assertThat(list(jobcentreWorker, Box.ALL, 200)).isEmpty();
        assertThat(findVisible(referralId, walsallEsolWorker))
                .as("the same agency id claimed in another partnership sees nothing")
                .isEmpty();
    }

    @Test
    void anOutOfSchoolConcernIsSeenOnTheReceivingSideOnlyByTheSafeguardingLead() {
        ReferralId referralId = new ReferralId(UUID.randomUUID());
        appendRaised(
                referralId, ReferralType.OUT_OF_SCHOOL_SETTINGS_CONCERN, safeguardingLead.agencyId(), Instant.now());

        await().atMost(Duration.ofSeconds(30))
                .until(() -> findVisible(referralId, safeguardingLead).isPresent());

        assertThat(list(safeguardingLead, Box.INBOX, 200))
                .extracting("referralId")
                .contains(referralId);
        assertThat(findVisible(referralId, councilCaseworker))
                .as("the referring agency sees what it raised")
                .isPresent();
        assertThat(list(councilCaseworker, Box.OUTBOX, 200))
                .extracting("referralId")
                .contains(referralId);
        assertThat(findVisible(referralId, oosWorker))
                .as("an agency worker of the receiving agency who is not its safeguarding lead")
                .isEmpty();
        assertThat(list(oosWorker, Box.ALL, 200)).extracting("referralId").doesNotContain(referralId);
    }

    @Test
    void redeliveredEventChangesNothing() {
        ReferralId referralId = new ReferralId(UUID.randomUUID());
        var event = raised(referralId, ReferralType.EMPLOYMENT_SUPPORT, jobcentreWorker.agencyId(), Instant.now());
        repository.insertRaised(event, 0, Instant.now());
        repository.insertRaised(event, 0, Instant.now());
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM referral_summary WHERE referral_id = ?",
                        Integer.class,
                        referralId.value()))
                .isEqualTo(1);
    }

    private Optional<ReferralView> findVisible(ReferralId referralId, Actor actor) {
        return reads.read(actor, read -> repository.findVisible(read, referralId))
                .block()
                .map(StoredReferral::view);
    }

    private List<ReferralView> list(Actor actor, Box box, int limit) {
        ReferralListQuery query = new ReferralListQuery(
                box, Set.of(), Set.of(), null, false, null, ReferralListQuery.Sort.RAISED_AT, true, 0, limit);
        return reads.read(actor, read -> repository.page(read, query)).block().items();
    }

    private void appendRaised(ReferralId referralId, ReferralType type, AgencyId receiving, Instant raisedAt) {
        var event = raised(referralId, type, receiving, raisedAt);
        eventStore.publish(new GenericDomainEventMessage<>(
                "Referral", referralId.toString(), 0, event, MetaData.with("userId", "someone")));
    }

    private ReferralRaisedEvent raised(ReferralId referralId, ReferralType type, AgencyId receiving, Instant at) {
        DataSubjectId subject = new DataSubjectId(UUID.randomUUID());
        return new ReferralRaisedEvent(
                referralId,
                type,
                BRADFORD,
                councilCaseworker.agencyId(),
                receiving,
                new CaseId(subject.value()),
                subject,
                type == ReferralType.OUT_OF_SCHOOL_SETTINGS_CONCERN ? LawfulBasis.PUBLIC_TASK : LawfulBasis.CONSENT,
                switch (type) {
                    case ESOL_PLACEMENT -> new ReferralFacts.EsolPlacement(null, Set.of(EsolMode.ONLINE), false, false);
                    case OUT_OF_SCHOOL_SETTINGS_CONCERN ->
                        new ReferralFacts.OutOfSchoolSettingsConcern(
                                SettingType.TUITION_CENTRE,
                                SettingSize.SMALL,
                                Set.of(ConcernCategory.HEALTH_AND_SAFETY),
                                false,
                                false,
                                false,
                                true);
                    default -> new ReferralFacts.EmploymentSupport(Set.of(), Set.of(EmploymentProgramme.TRAINING));
                },
                new Sealed(subject, "c2VhbGVk"),
                null,
                at,
                null,
                at.plus(Duration.ofDays(14)));
    }

    private static Actor actor(String agency, PartnershipId partnership, Role role) {
        return new Actor(new UserId(UUID.randomUUID().toString()), new AgencyId(agency), partnership, EnumSet.of(role));
    }
}
