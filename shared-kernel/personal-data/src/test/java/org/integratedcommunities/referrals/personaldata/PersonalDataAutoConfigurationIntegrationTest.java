package org.integratedcommunities.referrals.personaldata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;
import org.integratedcommunities.referrals.kernel.personaldata.Sealed;
import org.integratedcommunities.referrals.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The auto-configured vault in an application configured like the command side (Flyway in schema event_store, the
 * module's migration location added) and one configured like the query side (search_path read_model,event_store).
 */
class PersonalDataAutoConfigurationIntegrationTest {

    private static final String MASTER_KEY = MasterKeys.generate();

    private static TestDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = TestDatabase.create("personal_data_boot");
    }

    @AfterAll
    static void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    private ApplicationContextRunner application(String searchPath) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        DataSourceAutoConfiguration.class,
                        DataSourceTransactionManagerAutoConfiguration.class,
                        TransactionAutoConfiguration.class,
                        JdbcTemplateAutoConfiguration.class,
                        FlywayAutoConfiguration.class,
                        PersonalDataAutoConfiguration.class))
                .withPropertyValues(
                        "spring.datasource.url=" + database.url(),
                        "spring.datasource.username=" + TestDatabase.user(),
                        "spring.datasource.password=" + TestDatabase.password(),
                        "spring.datasource.hikari.maximum-pool-size=2",
                        "spring.datasource.hikari.data-source-properties.options=-c search_path=" + searchPath,
                        "icr.personal-data.master-key=" + MASTER_KEY);
    }

    @Test
    void theCommandSideSealsAndErasesInItsTransactionAndTheQuerySideReadsTheOutcome() {
        DataSubjectId amira = new DataSubjectId(UUID.randomUUID());
        Sealed[] sealed = new Sealed[1];

        application("event_store")
                .withPropertyValues(
                        "spring.flyway.schemas=event_store",
                        "spring.flyway.default-schema=event_store",
                        "spring.flyway.locations=classpath:db/personaldata")
                .run(commandSide -> {
                    assertThat(commandSide).hasNotFailed();
                    PersonalDataVault vault = commandSide.getBean(PersonalDataVault.class);
                    sealed[0] = vault.seal(amira, "Amira Haddad");
                    assertThat(commandSide
                                    .getBean(JdbcTemplate.class)
                                    .queryForObject("SELECT count(*) FROM event_store.data_subject_key", Long.class))
                            .isOne();
                });

        application("read_model,event_store")
                .withPropertyValues("spring.flyway.enabled=false", "icr.personal-data.key-cache.lifetime=0s")
                .run(querySide -> {
                    assertThat(querySide).hasNotFailed();
                    assertThat(querySide.getBean(PersonalDataVault.class).open(sealed[0]))
                            .isEqualTo(Opened.of("Amira Haddad"));
                });

        application("event_store")
                .withPropertyValues("spring.flyway.enabled=false")
                .run(commandSide -> {
                    PersonalDataVault vault = commandSide.getBean(PersonalDataVault.class);
                    new TransactionTemplate(commandSide.getBean(
                                    org.springframework.transaction.PlatformTransactionManager.class))
                            .executeWithoutResult(status -> vault.erase(amira));
                    assertThat(vault.open(sealed[0]).isErased()).isTrue();
                });

        application("read_model,event_store")
                .withPropertyValues("spring.flyway.enabled=false")
                .run(querySide -> assertThat(
                                querySide.getBean(PersonalDataVault.class).open(sealed[0]))
                        .isEqualTo(Opened.erased()));
    }
}
