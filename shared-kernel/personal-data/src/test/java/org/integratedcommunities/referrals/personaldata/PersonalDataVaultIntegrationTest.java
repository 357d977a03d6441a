package org.integratedcommunities.referrals.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;
import org.integratedcommunities.referrals.kernel.personaldata.Sealed;
import org.integratedcommunities.referrals.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The vault on the real PostgreSQL, the key table created by the module's own migration in the command side's schema.
 * Several vault instances on one database stand for several processes.
 */
class PersonalDataVaultIntegrationTest {

    private static final Aead MASTER_KEY = MasterKeys.parse(MasterKeys.generate());

    private static TestDatabase database;
    private static HikariDataSource dataSource;
    private static JdbcTemplate jdbc;
    private static TransactionTemplate transaction;

    private final PersonalDataVault vault = new PersonalDataVault(jdbc, MASTER_KEY);

    record Person(String name, LocalDate dateOfBirth, List<String> languages) {}

    @BeforeAll
    static void createKeyTable() {
        database = TestDatabase.create("personal_data");
        Flyway.configure()
                .dataSource(database.url(), TestDatabase.user(), TestDatabase.password())
                .schemas("event_store")
                .defaultSchema("event_store")
                .locations("classpath:db/personaldata")
                .load()
                .migrate();
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.url());
        dataSource.setUsername(TestDatabase.user());
        dataSource.setPassword(TestDatabase.password());
        dataSource.setMaximumPoolSize(10);
        dataSource.addDataSourceProperty("options", "-c search_path=event_store");
        jdbc = new JdbcTemplate(dataSource);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @AfterAll
    static void dropDatabase() {
        if (dataSource != null) {
            dataSource.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void sealedTextOpensAgain() {
        DataSubjectId amira = newSubject();

        Sealed sealed = vault.seal(amira, "Amira Haddad — أميرة حداد");

        assertThat(sealed.subject()).isEqualTo(amira);
        assertThat(vault.open(sealed)).isEqualTo(Opened.of("Amira Haddad — أميرة حداد"));
        assertThat(new PersonalDataVault(jdbc, MASTER_KEY).open(sealed).orElse("?"))
                .as("another instance with the same master key")
                .isEqualTo("Amira Haddad — أميرة حداد");
    }

    @Test
    void aRecordWithADateSurvivesTheJsonRoundTrip() {
        DataSubjectId amira = newSubject();
        Person person = new Person("Amira Haddad", LocalDate.of(1987, 3, 14), List.of("ar", "en"));

        Sealed sealed = vault.sealJson(amira, person);

        assertThat(vault.openJson(sealed, Person.class)).isEqualTo(Opened.of(person));
        assertThat(vault.open(sealed).orElse("")).contains("\"1987-03-14\"");
    }

    @Test
    void neitherTheCiphertextNorTheKeyRowContainThePlaintext() {
        DataSubjectId amira = newSubject();
        String plaintext = "Amira Haddad, 07700 900123";

        Sealed sealed = vault.seal(amira, plaintext);
        Sealed again = vault.seal(amira, plaintext);

        assertThat(sealed.ciphertext()).doesNotContain("Amira").doesNotContain(plaintext);
        assertThat(latin1(Base64.getDecoder().decode(sealed.ciphertext()))).doesNotContain("Amira");
        assertThat(again.ciphertext()).as("a fresh nonce each time").isNotEqualTo(sealed.ciphertext());
        Map<String, Object> row =
                jdbc.queryForMap("SELECT * FROM data_subject_key WHERE subject_id = ?", amira.value());
        assertThat(row.get("wrapped_keyset")).isInstanceOf(byte[].class);
        assertThat(latin1((byte[]) row.get("wrapped_keyset")))
                .doesNotContain("Amira")
                .doesNotContain("07700");
        assertThat(row.toString()).doesNotContain("Amira");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM data_subject_key WHERE subject_id = ?", Long.class, amira.value()))
                .isOne();
    }

    @Test
    void aCiphertextCannotBeMovedToAnotherSubject() {
        DataSubjectId amira = newSubject();
        DataSubjectId bilal = newSubject();
        vault.seal(bilal, "Bilal's own data");
        Sealed sealed = vault.seal(amira, "Amira Haddad");

        assertThatThrownBy(() -> vault.open(new Sealed(bilal, sealed.ciphertext())))
                .isInstanceOf(SealedDataIntegrityException.class)
                .hasMessageContaining(bilal.toString())
                .hasMessageContaining("sealed for another data subject");
        DataSubjectId neverSeen = newSubject();
        assertThatThrownBy(() -> vault.open(new Sealed(neverSeen, sealed.ciphertext())))
                .isInstanceOf(SealedDataIntegrityException.class)
                .hasMessageContaining("no key was ever created");
    }

    @Test
    void anAlteredCiphertextIsRefused() {
        DataSubjectId amira = newSubject();
        Sealed sealed = vault.seal(amira, "Amira Haddad");
        byte[] bytes = Base64.getDecoder().decode(sealed.ciphertext());
        bytes[bytes.length - 1] ^= 1;

        assertThatThrownBy(
                        () -> vault.open(new Sealed(amira, Base64.getEncoder().encodeToString(bytes))))
                .isInstanceOf(SealedDataIntegrityException.class)
                .hasMessageContaining("altered");
        assertThatThrownBy(() -> vault.open(new Sealed(amira, "not base64!")))
                .isInstanceOf(SealedDataIntegrityException.class)
                .hasMessageContaining("not Base64");
    }

    @Test
    void anErasedSubjectsDataReadsBackAsErasedAndNothingNewCanBeSealed() {
        DataSubjectId amira = newSubject();
        Sealed name = vault.seal(amira, "Amira Haddad");
        Sealed person = vault.sealJson(amira, new Person("Amira Haddad", LocalDate.of(1987, 3, 14), List.of()));
        assertThat(vault.open(name).isErased()).isFalse(); // the key is now cached in this vault

        vault.erase(amira);

        assertThat(vault.open(name)).isEqualTo(Opened.erased());
        assertThat(vault.openJson(person, Person.class).isErased()).isTrue();
        assertThat(vault.isErased(amira)).isTrue();
        Map<String, Object> row = keyRow(amira);
        assertThat(row.get("wrapped_keyset")).isNull();
        assertThat(row.get("erased_at")).isNotNull();
        assertThatThrownBy(() -> vault.seal(amira, "Amira again"))
                .isInstanceOf(DataSubjectErasedException.class)
                .hasMessageContaining(amira.toString())
                .hasMessageContaining("erased");
        assertThatThrownBy(() -> new PersonalDataVault(jdbc, MASTER_KEY).sealJson(amira, List.of("x")))
                .isInstanceOf(DataSubjectErasedException.class);

        assertThatCode(() -> vault.erase(amira)).doesNotThrowAnyException();
        assertThat(keyRow(amira).get("erased_at"))
                .as("the first erasure's time stays")
                .isEqualTo(row.get("erased_at"));
        assertThat(vault.open(name).isErased()).isTrue();
    }

    @Test
    void aSubjectErasedBeforeAnythingWasSealedNeverGetsAKey() {
        DataSubjectId stranger = newSubject();
        assertThat(vault.isErased(stranger)).isFalse();

        vault.erase(stranger);

        assertThat(vault.isErased(stranger)).isTrue();
        assertThatThrownBy(() -> vault.seal(stranger, "anything")).isInstanceOf(DataSubjectErasedException.class);
        assertThat(keyRow(stranger).get("wrapped_keyset")).isNull();
    }

    @Test
    void theDatabaseRefusesAKeyRowThatIsBothErasedAndKeyed() {
        assertThatThrownBy(() -> jdbc.update(
                        "INSERT INTO data_subject_key VALUES (?, '\\x00'::bytea, now(), now())", UUID.randomUUID()))
                .hasMessageContaining("data_subject_key_erased_iff_no_key");
    }

    @Nested
    class AcrossProcesses {

        @Test
        void anotherProcessSeesTheErasureWithinItsKeyCacheLifetime() {
            AtomicLong otherClock = new AtomicLong();
            PersonalDataVault other =
                    new PersonalDataVault(jdbc, MASTER_KEY, Duration.ofSeconds(30), 100, otherClock::get);
            DataSubjectId amira = newSubject();
            Sealed sealed = vault.seal(amira, "Amira Haddad");
            assertThat(other.open(sealed).isErased()).isFalse(); // caches the key

            vault.erase(amira);

            assertThat(vault.open(sealed).isErased())
                    .as("at once in the erasing process")
                    .isTrue();
            otherClock.addAndGet(Duration.ofSeconds(29).toNanos());
            assertThat(other.open(sealed).isErased())
                    .as("the documented window: the other process's cached key is still in use")
                    .isFalse();
            otherClock.addAndGet(Duration.ofSeconds(1).toNanos());
            assertThat(other.open(sealed).isErased())
                    .as("once the cache lifetime is over")
                    .isTrue();
            assertThatThrownBy(() -> other.seal(amira, "more")).isInstanceOf(DataSubjectErasedException.class);
        }

        @Test
        void isErasedAsksTheDatabaseAndDropsAStaleKey() {
            PersonalDataVault other = new PersonalDataVault(jdbc, MASTER_KEY, Duration.ofMinutes(5), 100);
            DataSubjectId amira = newSubject();
            Sealed sealed = vault.seal(amira, "Amira Haddad");
            assertThat(other.open(sealed).isErased()).isFalse();

            vault.erase(amira);

            assertThat(other.isErased(amira)).isTrue();
            assertThat(other.open(sealed).isErased()).isTrue();
        }

        @Test
        void withoutACacheAnotherProcessSeesTheErasureAtOnce() {
            PersonalDataVault uncached = new PersonalDataVault(jdbc, MASTER_KEY, Duration.ZERO, 1);
            DataSubjectId amira = newSubject();
            Sealed sealed = vault.seal(amira, "Amira Haddad");
            assertThat(uncached.open(sealed).isErased()).isFalse();

            vault.erase(amira);

            assertThat(uncached.open(sealed).isErased()).isTrue();
        }

        @Test
        void concurrentFirstSealsAgreeOnOneKey() throws Exception {
            DataSubjectId amira = newSubject();
            int processes = 6;
            ExecutorService threads = Executors.newFixedThreadPool(processes);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<Sealed>> results = new ArrayList<>();
                for (int i = 0; i < processes; i++) {
                    PersonalDataVault process = new PersonalDataVault(jdbc, MASTER_KEY);
                    String text = "note " + i;
                    results.add(threads.submit(() -> {
                        start.await();
                        return process.seal(amira, text);
                    }));
                }
                start.countDown();

                PersonalDataVault reader = new PersonalDataVault(jdbc, MASTER_KEY);
                for (int i = 0; i < processes; i++) {
                    assertThat(reader.open(results.get(i).get(30, TimeUnit.SECONDS)))
                            .isEqualTo(Opened.of("note " + i));
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM data_subject_key WHERE subject_id = ?", Long.class, amira.value()))
                    .isOne();
        }

        @Test
        void aWrongMasterKeyCannotOpenExistingData() {
            DataSubjectId amira = newSubject();
            Sealed sealed = vault.seal(amira, "Amira Haddad");
            PersonalDataVault wrong = new PersonalDataVault(jdbc, MasterKeys.parse(MasterKeys.generate()));

            assertThatThrownBy(() -> wrong.open(sealed))
                    .isInstanceOf(MasterKeyMismatchException.class)
                    .hasMessageContaining(amira.toString())
                    .hasMessageContaining("icr.personal-data.master-key");
            assertThatThrownBy(() -> wrong.seal(amira, "more")).isInstanceOf(MasterKeyMismatchException.class);
        }

        @Test
        void aMasterKeyRotatedByAddingANewPrimaryStillOpensOldData() throws Exception {
            String oldMasterKey = MasterKeys.generate();
            PersonalDataVault before = new PersonalDataVault(jdbc, MasterKeys.parse(oldMasterKey));
            DataSubjectId amira = newSubject();
            Sealed sealed = before.seal(amira, "Amira Haddad");

            PersonalDataVault after = new PersonalDataVault(jdbc, MasterKeys.parse(withNewPrimaryKey(oldMasterKey)));

            assertThat(after.open(sealed)).isEqualTo(Opened.of("Amira Haddad"));
            DataSubjectId bilal = newSubject();
            Sealed newer = after.seal(bilal, "Bilal");
            assertThatThrownBy(() -> before.open(newer))
                    .as("new subject keys are wrapped with the new primary")
                    .isInstanceOf(MasterKeyMismatchException.class);
        }
    }

    @Nested
    class InTheCallersTransaction {

        @Test
        void anErasureRolledBackWithItsTransactionLeavesTheKey() {
            DataSubjectId amira = newSubject();
            Sealed sealed = vault.seal(amira, "Amira Haddad");

            transaction.executeWithoutResult(status -> {
                vault.erase(amira);
                assertThat(vault.open(sealed).isErased())
                        .as("inside the transaction")
                        .isTrue();
                assertThat(vault.isErased(amira)).isTrue();
                status.setRollbackOnly();
            });

            assertThat(vault.isErased(amira)).isFalse();
            assertThat(vault.open(sealed)).isEqualTo(Opened.of("Amira Haddad"));
            assertThat(keyRow(amira).get("wrapped_keyset")).isNotNull();
        }

        @Test
        void anErasureCommitsWithItsTransaction() {
            DataSubjectId amira = newSubject();
            Sealed sealed = vault.seal(amira, "Amira Haddad");

            transaction.executeWithoutResult(status -> {
                vault.erase(amira);
                jdbc.queryForObject("SELECT 1", Integer.class); // the erasure event would be stored here
            });

            assertThat(new PersonalDataVault(jdbc, MASTER_KEY).open(sealed).isErased())
                    .isTrue();
            assertThat(vault.open(sealed).isErased()).isTrue();
        }

        @Test
        void aKeyCreatedInATransactionThatRollsBackIsNotUsedAfterwards() {
            DataSubjectId amira = newSubject();

            transaction.executeWithoutResult(status -> {
                vault.seal(amira, "first attempt");
                vault.seal(amira, "second seal in the same transaction");
                status.setRollbackOnly();
            });
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM data_subject_key WHERE subject_id = ?", Long.class, amira.value()))
                    .isZero();

            Sealed sealed = vault.seal(amira, "Amira Haddad");

            assertThat(new PersonalDataVault(jdbc, MASTER_KEY).open(sealed)).isEqualTo(Opened.of("Amira Haddad"));
        }
    }

    /** What an operator does to rotate the master key: add a new primary key, keep the old one for unwrapping. */
    private static String withNewPrimaryKey(String masterKey) throws Exception {
        KeysetHandle keyset = TinkJsonProtoKeysetFormat.parseKeyset(
                new String(Base64.getDecoder().decode(masterKey), StandardCharsets.UTF_8),
                InsecureSecretKeyAccess.get());
        KeysetHandle rotated = KeysetHandle.newBuilder(keyset)
                .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                        .withRandomId()
                        .makePrimary())
                .build();
        String json = TinkJsonProtoKeysetFormat.serializeKeyset(rotated, InsecureSecretKeyAccess.get());
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> keyRow(DataSubjectId subject) {
        return jdbc.queryForMap("SELECT * FROM data_subject_key WHERE subject_id = ?", subject.value());
    }

    private static DataSubjectId newSubject() {
        return new DataSubjectId(UUID.randomUUID());
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
