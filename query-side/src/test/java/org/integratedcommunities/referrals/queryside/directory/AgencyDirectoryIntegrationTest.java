package org.integratedcommunities.referrals.queryside.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.integratedcommunities.referrals.queryside.QuerySideTestSupport.actor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.integratedcommunities.referrals.kernel.directory.AgencyRegisteredEvent;
import org.integratedcommunities.referrals.kernel.directory.AgencyRetiredEvent;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.queryside.QuerySideTestSupport;
import org.integratedcommunities.referrals.queryside.web.ReadModelReads;
import org.integratedcommunities.referrals.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The agency directory read model on the real PostgreSQL, from directory events appended to the real event store and
 * projected by the application's own processor: every partnership's agencies by name, each partnership reading only
 * its own (in the SQL and in row-level security), a retired agency keeping its name, redelivery and a reset-and-replay
 * changing nothing, and the pages naming the signed-in user's agency.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class AgencyDirectoryIntegrationTest {

    private static final TestDatabase database = TestDatabase.create("agency_directory");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        QuerySideTestSupport.useDatabase(database, registry);
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    EventStore eventStore;

    @Autowired
    ReadModelReads reads;

    @Autowired
    AgencyDirectory directory;

    @Autowired
    AgencyDirectoryProjection projection;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    private final Actor esolWorker = actor("bradford", "bradford-esol", Role.AGENCY_WORKER);
    private final Actor walsallWorker = actor("walsall", "walsall-esol", Role.AGENCY_WORKER);
    private final List<DomainEventMessage<?>> appended = new ArrayList<>();

    @BeforeAll
    void registerTheAgenciesOfTwoPartnerships() {
        append("bradford", registered("bradford", "bradford-esol", "Airedale ESOL Learning Centre"));
        append("bradford", registered("bradford", "bradford-jobcentre", "Bradford Jobcentre Plus"));
        append(
                "bradford",
                new AgencyRetiredEvent(
                        new PartnershipId("bradford"), new AgencyId("bradford-jobcentre"), Instant.now()));
        append("walsall", registered("walsall", "walsall-esol", "Black Country English Language Hub"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject("SELECT count(*) FROM read_model.agency_directory", Long.class) == 3);
    }

    @AfterAll
    void stopProcessorsThenDropTheDatabase() {
        QuerySideTestSupport.stopProcessorsAndDrop(context.getBean(EventProcessingConfiguration.class), database);
    }

    @Test
    void eachPartnershipReadsItsOwnAgenciesByNameAndARetiredOneKeepsItsName() {
        AgencyNames bradford = reads.read(esolWorker, directory::names).block();
        assertThat(bradford.byId())
                .isEqualTo(Map.of(
                        "bradford-esol", "Airedale ESOL Learning Centre",
                        "bradford-jobcentre", "Bradford Jobcentre Plus"));
        assertThat(bradford.of(new AgencyId("bradford-esol"))).isEqualTo("Airedale ESOL Learning Centre");
        assertThat(bradford.of("walsall-esol"))
                .as("another partnership's agency is not named: its id is all there is")
                .isEqualTo("walsall-esol");
        assertThat(bradford.of(null)).isEmpty();
        assertThat(reads.read(walsallWorker, directory::names).block().byId()).containsOnlyKeys("walsall-esol");
        assertThat(reads.read(
                                esolWorker,
                                read -> read.jdbc()
                                        .getJdbcTemplate()
                                        .queryForObject("SELECT count(*) FROM agency_directory", Long.class))
                        .block())
                .as("row-level security: the other partnership's rows are not there even unasked")
                .isEqualTo(2);
    }

    @Test
    void redeliveryAndAResetAndReplayChangeNothing() {
        String before = table();
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
        new TransactionTemplate(transactions).executeWithoutResult(status -> handleAgain(handlers));
        assertThat(table()).isEqualTo(before);

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            handlers.prepareReset();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM read_model.agency_directory", Long.class))
                    .isZero();
            handleAgain(handlers);
        });
        assertThat(table()).isEqualTo(before);
    }

    @Test
    void pagesNameTheSignedInUsersAgency() {
        assertThat(QuerySideTestSupport.page(context, esolWorker, "/inbox", 200))
                .contains("Airedale ESOL Learning Centre");
    }

    /** Every event appended, handled again by the projection, as Axon would redeliver or replay them. */
    private void handleAgain(AnnotationEventHandlerAdapter handlers) {
        for (DomainEventMessage<?> event : appended) {
            try {
                handlers.handle(event);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private void append(String partnership, Object event) {
        long sequence = appended.stream()
                .filter(message -> message.getAggregateIdentifier().equals(partnership))
                .count();
        DomainEventMessage<?> message = new GenericDomainEventMessage<>(
                "Partnership",
                partnership,
                sequence,
                event,
                QuerySideTestSupport.metaData(actor(partnership, partnership + "-council", Role.ADMIN)));
        eventStore.publish(message);
        appended.add(message);
    }

    private static AgencyRegisteredEvent registered(String partnership, String agency, String name) {
        return new AgencyRegisteredEvent(
                new PartnershipId(partnership),
                new AgencyId(agency),
                name,
                Set.of(ReferralType.ESOL_PLACEMENT),
                Instant.now());
    }

    private String table() {
        return jdbc.queryForObject(
                "SELECT count(*) || ':' || md5(string_agg(t::text, ',' ORDER BY t::text))"
                        + " FROM read_model.agency_directory t",
                String.class);
    }
}
