package org.integratedcommunities.referrals.queryside.audit.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.flywaydb.core.Flyway;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.casefile.CaseOpenedEvent;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.identity.UserId;
import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;
import org.integratedcommunities.referrals.personaldata.PersonalDataVault;
import org.integratedcommunities.referrals.queryside.audit.integrity.ChainProblem.Kind;
import org.integratedcommunities.referrals.testsupport.ActorClients;
import org.integratedcommunities.referrals.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The event chain on a real event store: events appended through Axon as the command side appends them, chained by
 * {@link EventChainer}, then tampered with by hand in every way the chain must catch; each tampering is undone
 * afterwards, so every test starts from an intact store. Also the API and {@code infra/audit verify} on the same store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.MOCK,
        // The tests chain when they choose, with a clock they move.
        properties = "icr.audit.chain.enabled=false")
class EventStoreIntegrityIntegrationTest {

    private static final TestDatabase database = TestDatabase.create("store_integrity");
    private static final PartnershipId BRADFORD = new PartnershipId("bradford");
    private static final AgencyId COUNCIL = new AgencyId("bradford-council");
    private static final Duration GAP_TIMEOUT = Duration.ofSeconds(60);
    private static final String COLUMNS = "global_index, event_identifier, meta_data, payload, payload_revision,"
            + " payload_type, time_stamp, aggregate_identifier, sequence_number, type";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        // The command side owns the event store and the subjects' keys; here they are created by the same migrations.
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

    @AfterAll
    void stopProcessorsThenDropTheDatabase() {
        try {
            context.getBean(EventProcessingConfiguration.class)
                    .eventProcessors()
                    .values()
                    .forEach(EventProcessor::shutDown);
        } finally {
            database.close();
        }
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    EventStore eventStore;

    @Autowired
    PersonalDataVault vault;

    @Autowired
    SigningKeys keys;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    private final MovableClock clock = new MovableClock();
    private EventChainer chainer;

    @BeforeEach
    void chainerAndAnIntactStore() throws SQLException {
        if (chainer == null) {
            chainer =
                    new EventChainer(keys, new EventChainer.Settings(GAP_TIMEOUT, 7, 4, Duration.ofMinutes(15)), clock);
        }
        for (int i = 0; i < 3; i++) {
            append();
        }
        chain();
        assertThat(verify().intact()).as("intact before the test").isTrue();
    }

    /** Chains what is settled and keeps a copy of every event, to undo the test's tampering with afterwards. */
    private void chainAndSave() throws SQLException {
        chain();
        jdbc.execute("DROP TABLE IF EXISTS public.saved_events");
        jdbc.execute("CREATE TABLE public.saved_events AS SELECT * FROM event_store.domain_event_entry");
    }

    @AfterEach
    void restoreTheEventsAndCheck() throws SQLException {
        if (Boolean.TRUE.equals(
                jdbc.queryForObject("SELECT to_regclass('public.saved_events') IS NOT NULL", Boolean.class))) {
            restoreTheEvents();
            jdbc.execute("DROP TABLE public.saved_events");
        }
        assertThat(verify().intact()).as("intact after the test, once restored").isTrue();
    }

    /** The store as it was when saved, row for row. */
    private void restoreTheEvents() {
        jdbc.execute("BEGIN; DELETE FROM event_store.domain_event_entry; INSERT INTO event_store.domain_event_entry ("
                + COLUMNS + ") SELECT " + COLUMNS + " FROM public.saved_events; COMMIT");
    }

    @Test
    void anUntouchedStoreIsIntact() throws SQLException {
        VerificationResult result = verify();
        assertThat(result.intact()).isTrue();
        assertThat(result.firstProblem()).isNull();
        assertThat(result.events()).isEqualTo(count("SELECT count(*) FROM event_store.domain_event_entry"));
        assertThat(result.chainedThrough())
                .isEqualTo(count("SELECT max(global_index) FROM event_store.domain_event_entry"));
        assertThat(result.checkpoints()).isPositive();
        assertThat(result.signaturesChecked()).isTrue();
    }

    @Test
    void oneChangedByteOfAPayloadIsReportedAtItsPosition() throws SQLException {
        long position = append();
        append();
        chainAndSave();
        jdbc.update(
                "UPDATE event_store.domain_event_entry SET payload = set_byte(payload, 10, get_byte(payload, 10) # 1)"
                        + " WHERE global_index = ?",
                position);
        assertProblem(Kind.CHANGED, position);
    }

    @Test
    void aChangeToAnyStoredColumnIsReported() throws SQLException {
        long position = append();
        chainAndSave();
        List<String> changes = List.of(
                "event_identifier = event_identifier || 'x'",
                "aggregate_identifier = aggregate_identifier || 'x'",
                "sequence_number = sequence_number + 1",
                "type = 'Referral'",
                "time_stamp = replace(time_stamp, 'Z', '+00:00')",
                "payload_type = payload_type || 'x'",
                "payload_revision = coalesce(payload_revision, '') || '2'",
                "meta_data = meta_data || '\\x20'::bytea",
                "payload = payload || '\\x20'::bytea");
        for (String change : changes) {
            jdbc.update("UPDATE event_store.domain_event_entry SET " + change + " WHERE global_index = ?", position);
            assertThat(verify().firstProblem())
                    .as(change)
                    .isEqualTo(
                            new ChainProblem(position, Kind.CHANGED, "a stored column differs from what was chained"));
            restoreTheEvents();
        }
    }

    @Test
    void aDeletedEventIsReportedMissingAtItsPosition() throws SQLException {
        long position = append();
        append();
        chainAndSave();
        jdbc.update("DELETE FROM event_store.domain_event_entry WHERE global_index = ?", position);
        assertProblem(Kind.MISSING, position);
    }

    @Test
    void theLastEventDeletedIsReportedToo() throws SQLException {
        long last = append();
        chainAndSave();
        jdbc.update("DELETE FROM event_store.domain_event_entry WHERE global_index = ?", last);
        assertProblem(Kind.MISSING, last);
    }

    @Test
    void anEventInsertedAtAnIndexRecordedAsARolledBackInsertIsReported() throws SQLException {
        long[] gap = rolledBackInserts(1);
        long after = append();
        assertThat(chain().waitingAt()).as("the hole is not settled yet").isEqualTo(gap[0]);
        assertThat(chainedThrough()).isLessThan(gap[0]);
        clock.advance(GAP_TIMEOUT.plusSeconds(1));
        chainAndSave();
        assertThat(chainedThrough()).isEqualTo(after);
        assertThat(verify().gapRuns()).isPositive();

        insertCopy(gap[0], after);
        assertProblem(Kind.UNEXPECTED, gap[0]);
    }

    @Test
    void anEventInsertedAtAFreshIndexInsideTheChainedRangeIsReported() throws SQLException {
        // Three indexes the sequence gave out and no event ever kept: a run of gaps in the chain.
        long[] gap = rolledBackInserts(3);
        long after = append();
        chain();
        clock.advance(GAP_TIMEOUT.plusSeconds(1));
        chainAndSave();
        assertThat(chainedThrough()).isEqualTo(after);

        insertCopy(gap[1], after);
        assertProblem(Kind.UNEXPECTED, gap[1]);
    }

    @Test
    void holesOneAfterAnotherSettleTogether() throws SQLException {
        long first = rolledBackInserts(1)[0];
        append();
        long second = rolledBackInserts(1)[0];
        long last = append();
        assertThat(chain().waitingAt()).isEqualTo(first);
        clock.advance(GAP_TIMEOUT.plusSeconds(1));
        EventChainer.Pass pass = chain();
        assertThat(pass.waitingAt())
                .as("the second hole was timed with the first")
                .isZero();
        assertThat(pass.gapRuns()).isEqualTo(2);
        assertThat(chainedThrough()).isEqualTo(last).isGreaterThan(second);
    }

    @Test
    void anEventInsertedBelowTheFirstIndexIsReported() throws SQLException {
        long some = append();
        chainAndSave();
        insertCopy(0, some);
        assertProblem(Kind.UNEXPECTED, 0);
    }

    @Test
    void twoEventsSwappedAreReportedOutOfOrderAtTheFirst() throws SQLException {
        long first = append();
        long second = append();
        chainAndSave();
        jdbc.execute("BEGIN; DELETE FROM event_store.domain_event_entry WHERE global_index IN (" + first + ", "
                + second + "); INSERT INTO event_store.domain_event_entry (" + COLUMNS + ") SELECT CASE global_index"
                + " WHEN " + first + " THEN " + second + " ELSE " + first + " END"
                + COLUMNS.substring(COLUMNS.indexOf(',')) + " FROM public.saved_events WHERE global_index IN ("
                + first + ", " + second + "); COMMIT");
        assertThat(verify().firstProblem())
                .isEqualTo(new ChainProblem(
                        first, Kind.OUT_OF_ORDER, "the event here was chained at global index " + second));
    }

    @Test
    void twoEventsPayloadsSwappedAreReportedAtTheFirst() throws SQLException {
        long first = append();
        long second = append();
        chainAndSave();
        jdbc.update(
                "UPDATE event_store.domain_event_entry e SET payload = s.payload FROM public.saved_events s"
                        + " WHERE (e.global_index, s.global_index) IN ((?, ?), (?, ?))",
                first,
                second,
                second,
                first);
        assertProblem(Kind.CHANGED, first);
    }

    @Test
    void aStoreAfterAnErasureIsStillIntact() throws SQLException {
        DataSubjectId subject = new DataSubjectId(UUID.randomUUID());
        appendFor(subject);
        chain();
        vault.erase(subject);
        assertThat(vault.isErased(subject)).isTrue();
        assertThat(verify().intact()).isTrue();
        // Erasure as a DBA might do it, the subject's key row deleted outright.
        DataSubjectId other = new DataSubjectId(UUID.randomUUID());
        appendFor(other);
        chain();
        assertThat(jdbc.update("DELETE FROM event_store.data_subject_key WHERE subject_id = ?", other.value()))
                .isEqualTo(1);
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void anEventCommittedAfterLaterOnesIsChainedInGlobalOrderOnceItCommits() throws SQLException {
        long before = chainedThrough();
        try (Connection longTransaction = database.connect()) {
            longTransaction.setAutoCommit(false);
            long late = insertCopy(longTransaction, null, before);
            long later = append();
            assertThat(later).isGreaterThan(late);

            EventChainer.Pass waiting = chain();
            assertThat(waiting.waitingAt()).isEqualTo(late);
            assertThat(chainedThrough())
                    .as("nothing chained past the open insert")
                    .isLessThan(late);

            longTransaction.commit();
            EventChainer.Pass settled = chain();
            assertThat(settled.waitingAt()).isZero();
            assertThat(chainedThrough()).isEqualTo(later);
            assertThat(jdbc.queryForList(
                            "SELECT global_index FROM audit.event_chain_link WHERE global_index >= ? AND gap_end IS NULL"
                                    + " ORDER BY global_index",
                            Long.class,
                            late))
                    .as("both events chained, in global order, none as a gap")
                    .containsExactly(late, later);
            assertThat(verify().intact()).isTrue();
        }
    }

    @Test
    void anEditedLinkIsReportedAsTheChainAltered() throws SQLException {
        long position = append();
        chain();
        String edit = "ALTER TABLE audit.event_chain_link DISABLE TRIGGER event_chain_link_append_only;"
                + " UPDATE audit.event_chain_link SET link = sha256(link) WHERE global_index = " + position + ";"
                + " ALTER TABLE audit.event_chain_link ENABLE TRIGGER event_chain_link_append_only";
        byte[] original = jdbc.queryForObject(
                "SELECT link FROM audit.event_chain_link WHERE global_index = ?", byte[].class, position);
        jdbc.execute(edit);
        try {
            assertProblem(Kind.CHAIN_ALTERED, position);
        } finally {
            jdbc.execute("ALTER TABLE audit.event_chain_link DISABLE TRIGGER event_chain_link_append_only");
            jdbc.update("UPDATE audit.event_chain_link SET link = ? WHERE global_index = ?", original, position);
            jdbc.execute("ALTER TABLE audit.event_chain_link ENABLE TRIGGER event_chain_link_append_only");
        }
    }

    @Test
    void theChainIsAppendOnly() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                        () -> jdbc.update("DELETE FROM audit.event_chain_link")))
                .hasMessageContaining("append-only");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                        () -> jdbc.update("UPDATE audit.event_chain_checkpoint SET event_count = 0")))
                .hasMessageContaining("append-only");
    }

    @Test
    void exportedCheckpointsVerifyAndAnAlteredOrForeignOneIsRejected() throws SQLException {
        for (int i = 0; i < 5; i++) {
            append();
        }
        chain();
        List<Checkpoint> exported;
        try (Connection connection = dataSource.getConnection()) {
            exported = CheckpointExport.checkpoints(
                    CheckpointExport.read(connection, keys.publicKeys()).toJson());
        }
        assertThat(exported).hasSizeGreaterThan(1);
        assertThat(verify(exported).intact()).isTrue();
        Checkpoint chosen = exported.get(exported.size() / 2);

        List<Checkpoint> altered = replace(
                exported,
                chosen,
                new Checkpoint(
                        chosen.position(),
                        chosen.link(),
                        chosen.eventCount() + 1,
                        chosen.createdAt(),
                        chosen.signature()));
        assertThat(verify(altered).firstProblem().kind()).isEqualTo(Kind.CHECKPOINT_INVALID);
        assertThat(verify(altered).firstProblem().position()).isEqualTo(chosen.position());

        SigningKeys another = SigningKeys.parse(SigningKeys.generate());
        List<Checkpoint> foreign = replace(exported, chosen, another.sign(chosen));
        assertThat(verify(foreign).firstProblem().kind()).isEqualTo(Kind.CHECKPOINT_INVALID);

        // Signed with the right key, but not what the events give: as after a rewrite of events and chain together.
        byte[] otherLink = chosen.link();
        otherLink[0] ^= 1;
        List<Checkpoint> rewritten = replace(
                exported,
                chosen,
                keys.sign(new Checkpoint(chosen.position(), otherLink, chosen.eventCount(), chosen.createdAt(), null)));
        assertThat(verify(rewritten).firstProblem().kind()).isEqualTo(Kind.CHECKPOINT_MISMATCH);
        assertThat(verify(rewritten).firstProblem().position()).isEqualTo(chosen.position());

        Checkpoint beyond = keys.sign(
                new Checkpoint(chainedThrough() + 5, chosen.link(), chosen.eventCount(), chosen.createdAt(), null));
        assertThat(verify(Stream.concat(exported.stream(), Stream.of(beyond)).toList())
                        .firstProblem()
                        .kind())
                .as("a checkpoint beyond the chain's end: events and links removed at the tail")
                .isEqualTo(Kind.CHECKPOINT_MISMATCH);
    }

    @Test
    void theAuditorGetsTheVerificationAndTheCheckpointsOthersGet403() throws Exception {
        Actor auditor = actor(Role.AUDITOR);
        JsonNode integrity = ActorClients.webTestClient(context, auditor)
                .get()
                .uri(IntegrityController.INTEGRITY)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(integrity.path("intact").asBoolean()).isTrue();
        assertThat(integrity.path("signaturesChecked").asBoolean()).isTrue();
        assertThat(integrity.path("chainedThrough").asLong()).isEqualTo(chainedThrough());

        String export = ActorClients.webTestClient(context, auditor)
                .get()
                .uri(IntegrityController.CHECKPOINTS)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        JsonNode document = new com.fasterxml.jackson.databind.ObjectMapper().readTree(export);
        SigningKeys.PublicKeys published =
                SigningKeys.PublicKeys.parse(document.path("publicKeyset").toString());
        List<Checkpoint> checkpoints = CheckpointExport.checkpoints(export);
        assertThat(checkpoints).isNotEmpty().allMatch(published::signed);

        for (Role role : EnumSet.complementOf(EnumSet.of(Role.AUDITOR))) {
            for (String path : List.of(IntegrityController.INTEGRITY, IntegrityController.CHECKPOINTS)) {
                ActorClients.webTestClient(context, actor(role))
                        .get()
                        .uri(path)
                        .exchange()
                        .expectStatus()
                        .isForbidden()
                        .expectHeader()
                        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
            }
        }
    }

    @Test
    void theCommandLineToolExitsZeroWhenIntactAndNamesTheFirstBadPositionOtherwise() throws Exception {
        Path dir = Files.createTempDirectory("icr-audit");
        Path publicKey = Files.writeString(
                dir.resolve("public-key.json"), keys.publicKeys().json());
        Path checkpoints;
        try (Connection connection = dataSource.getConnection()) {
            checkpoints = Files.writeString(
                    dir.resolve("checkpoints.json"),
                    CheckpointExport.read(connection, keys.publicKeys()).toJson());
        }
        chainAndSave();
        Cli intact = cli("--public-key", publicKey.toString(), "--checkpoints", checkpoints.toString());
        assertThat(intact.exit()).as(intact.output()).isZero();
        assertThat(intact.output()).startsWith("intact:");

        long position = count("SELECT max(global_index) FROM event_store.domain_event_entry") - 1;
        jdbc.update(
                "UPDATE event_store.domain_event_entry SET payload = set_byte(payload, 0, get_byte(payload, 0) # 4)"
                        + " WHERE global_index = ?",
                position);
        Cli tampered = cli();
        assertThat(tampered.exit()).isEqualTo(AuditCommand.NOT_INTACT);
        assertThat(tampered.output()).contains("NOT INTACT at global index " + position + ": CHANGED");

        Cli wrongArguments = cli("--checkpoints", checkpoints.toString());
        assertThat(wrongArguments.exit()).isEqualTo(AuditCommand.FAILED);
    }

    private record Cli(int exit, String output) {}

    private Cli cli(String... extra) throws IOException, InterruptedException {
        Path root = Path.of("").toAbsolutePath().getParent();
        try (Stream<Path> jars = Files.list(Path.of("target"))) {
            assertThat(jars.map(Path::getFileName).map(Path::toString))
                    .as("the packaged query side (verify packages it before the integration tests)")
                    .anyMatch(name -> name.startsWith("query-side-") && name.endsWith("-exec.jar"));
        }
        List<String> command = new ArrayList<>(List.of(
                "bash",
                root.resolve("infra/audit").toString(),
                "verify",
                "--jdbc-url",
                database.url(),
                "--user",
                TestDatabase.user(),
                "--password",
                TestDatabase.password()));
        command.addAll(List.of(extra));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Cli(process.exitValue(), output.trim());
    }

    private void assertProblem(Kind kind, long position) throws SQLException {
        VerificationResult result = verify();
        assertThat(result.intact()).isFalse();
        assertThat(result.firstProblem().kind()).as(result.summary()).isEqualTo(kind);
        assertThat(result.firstProblem().position()).as(result.summary()).isEqualTo(position);
    }

    private EventChainer.Pass chain() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return chainer.chain(connection);
        }
    }

    private VerificationResult verify() throws SQLException {
        return verify(List.of());
    }

    private VerificationResult verify(List<Checkpoint> exported) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return new ChainVerifier(keys.publicKeys(), exported).verify(connection);
        }
    }

    private long chainedThrough() {
        return count("SELECT position FROM audit.event_chain_head");
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    /** Appends a case's first event as the command side does; its global index. */
    private long append() {
        return appendFor(new DataSubjectId(UUID.randomUUID()));
    }

    private long appendFor(DataSubjectId subject) {
        CaseId caseId = new CaseId(subject.value());
        eventStore.publish(new GenericDomainEventMessage<>(
                "Case",
                caseId.toString(),
                0,
                new CaseOpenedEvent(
                        caseId, BRADFORD, COUNCIL, subject, vault.seal(subject, "Amina Example"), Instant.now()),
                MetaData.with("userId", "someone")));
        return count("SELECT global_index FROM event_store.domain_event_entry WHERE aggregate_identifier = '" + caseId
                + "'");
    }

    /** Indexes the sequence gave out to inserts that were rolled back. */
    private long[] rolledBackInserts(int count) throws SQLException {
        long some = count("SELECT max(global_index) FROM event_store.domain_event_entry");
        long[] indexes = new long[count];
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                indexes[i] = insertCopy(connection, null, some);
            }
            connection.rollback();
        }
        return indexes;
    }

    /** A copy of the event at {@code source} under a new identity, at {@code index}; its index. */
    private long insertCopy(long index, long source) throws SQLException {
        try (Connection connection = database.connect()) {
            return insertCopy(connection, index, source);
        }
    }

    /** The same in the connection's transaction; a null index takes the next from the sequence. */
    private static long insertCopy(Connection connection, Long index, long source) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO event_store.domain_event_entry"
                + " (global_index, event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp,"
                + " aggregate_identifier, sequence_number, type) SELECT coalesce(?, nextval("
                + "pg_get_serial_sequence('event_store.domain_event_entry', 'global_index'))), ?, meta_data, payload,"
                + " payload_revision, payload_type, time_stamp, ?, 0, type FROM event_store.domain_event_entry"
                + " WHERE global_index = ? RETURNING global_index")) {
            if (index == null) {
                insert.setNull(1, java.sql.Types.BIGINT);
            } else {
                insert.setLong(1, index);
            }
            insert.setString(2, UUID.randomUUID().toString());
            insert.setString(3, UUID.randomUUID().toString());
            insert.setLong(4, source);
            try (ResultSet inserted = insert.executeQuery()) {
                inserted.next();
                return inserted.getLong(1);
            }
        }
    }

    private static List<Checkpoint> replace(List<Checkpoint> checkpoints, Checkpoint old, Checkpoint replacement) {
        return checkpoints.stream().map(c -> c.equals(old) ? replacement : c).toList();
    }

    private static Actor actor(Role role) {
        return new Actor(new UserId(UUID.randomUUID().toString()), COUNCIL, BRADFORD, EnumSet.of(role));
    }

    /** A clock the tests move forward, to let a hole in the store settle without waiting for it. */
    private static final class MovableClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
