package org.integratedcommunities.referrals.commandside.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.integratedcommunities.referrals.commandside.CommandSideApplication;
import org.integratedcommunities.referrals.commandside.rules.RuleViolation;
import org.integratedcommunities.referrals.commandside.web.CommandDispatcher;
import org.integratedcommunities.referrals.kernel.directory.PartnershipRegisteredEvent;
import org.integratedcommunities.referrals.kernel.directory.RegisterPartnershipCommand;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.identity.UserId;
import org.integratedcommunities.referrals.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The directory is started from the seed once, however often and however many command sides start. */
class DirectoryBootstrapIntegrationTest {

    @Test
    void theSeedIsRegisteredOnceHoweverOftenTheCommandSideStarts() throws Exception {
        try (TestDatabase database = TestDatabase.create("directory_restart")) {
            try (ConfigurableApplicationContext first = startCommandSide(database)) {
                assertThat(first.getBean(PartnershipDirectory.class)
                                .isAgencyOf(new PartnershipId("walsall"), new AgencyId("walsall-esol")))
                        .isTrue();
            }
            List<String> afterFirst = directoryEvents(database);
            assertThat(afterFirst).hasSize(12);

            try (ConfigurableApplicationContext second = startCommandSide(database)) {
                assertThat(second.getBean(DirectoryBootstrap.class).seedIfEmpty())
                        .as("and asked again, nothing")
                        .isFalse();
            }
            assertThat(directoryEvents(database)).as("no event twice").isEqualTo(afterFirst);
        }
    }

    /** A seed that breaks a rule halfway through leaves nothing behind, and the application does not start. */
    @Test
    void theSeedIsRegisteredCompletelyOrNotAtAll() throws Exception {
        try (TestDatabase database = TestDatabase.create("directory_broken");
                ConfigurableApplicationContext context = startCommandSide(database, "--icr.directory.seed=")) {
            DirectoryBootstrap broken = bootstrap(context, "classpath:directory/seed-breaking-a-rule.json");
            assertThatThrownBy(broken::seedIfEmpty)
                    .isInstanceOf(RuleViolation.class)
                    .hasMessage("An agency id of this partnership starts with \"walsall-\"");
            assertThat(directoryEvents(database))
                    .as("Bradford's events rolled back too")
                    .isEmpty();
            assertThat(context.getBean(PartnershipDirectory.class)
                            .isAgencyOf(new PartnershipId("bradford"), new AgencyId("bradford-esol")))
                    .isFalse();
        }
    }

    /**
     * Two instances start at once on an empty directory. Simulated deterministically: the "other instance" registers
     * Bradford in a transaction it keeps open until this instance's start-up registration is blocked on the same
     * partnership, then commits; this instance's registration fails, rolls back, finds the directory started, and
     * carries on.
     */
    @Test
    void anInstanceThatLosesTheRaceRollsBackAndCarriesOn() throws Exception {
        try (TestDatabase database = TestDatabase.create("directory_race");
                ConfigurableApplicationContext context = startCommandSide(database, "--icr.directory.seed=")) {
            assertThat(directoryEvents(database))
                    .as("start-up registration switched off")
                    .isEmpty();
            DirectoryBootstrap bootstrap = bootstrap(context, "classpath:directory/partnerships.json");
            CommandGateway gateway = context.getBean(CommandGateway.class);
            TransactionTemplate transaction =
                    new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
            Actor otherInstance = new Actor(
                    new UserId(DirectoryBootstrap.SYSTEM_USER),
                    new AgencyId("bradford-council-integration"),
                    new PartnershipId("bradford"),
                    Set.of(Role.ADMIN));

            CompletableFuture<Boolean> ours = new CompletableFuture<>();
            transaction.executeWithoutResult(status -> {
                // sent on this thread, the command joins this transaction, which stays open for now
                gateway.sendAndWait(GenericCommandMessage.asCommandMessage(
                                new RegisterPartnershipCommand(new PartnershipId("bradford"), "Bradford"))
                        .andMetaData(CommandDispatcher.actorMetaData(otherInstance)));
                Thread racer = new Thread(() -> {
                    try {
                        ours.complete(bootstrap.seedIfEmpty());
                    } catch (Throwable e) {
                        ours.completeExceptionally(e);
                    }
                });
                racer.start();
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> waitingForALock(database) || ours.isDone());
                assertThat(ours)
                        .as("blocked behind the other instance's registration")
                        .isNotDone();
            });

            assertThat(ours.get(30, TimeUnit.SECONDS))
                    .as("carried on without registering")
                    .isFalse();
            assertThat(directoryEvents(database))
                    .as("only the other instance's registration")
                    .containsExactly(PartnershipRegisteredEvent.class.getName());
        }
    }

    /** Another instance's start-up registration, from the seed given. */
    private static DirectoryBootstrap bootstrap(ConfigurableApplicationContext context, String seed) {
        return new DirectoryBootstrap(
                context.getBean(CommandGateway.class),
                context.getBean(DirectoryRegisterProjection.class),
                context.getBean(PlatformTransactionManager.class),
                context.getBean(ObjectMapper.class),
                context,
                seed);
    }

    private static ConfigurableApplicationContext startCommandSide(TestDatabase database, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + TestDatabase.user(),
                "--spring.datasource.password=" + TestDatabase.password()));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(CommandSideApplication.class)
                .web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
    }

    /** Payload types of every directory event, in the order stored. */
    private static List<String> directoryEvents(TestDatabase database) throws Exception {
        List<String> types = new ArrayList<>();
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT payload_type FROM event_store.domain_event_entry WHERE payload_type LIKE ?"
                                + " ORDER BY global_index")) {
            query.setString(1, "%.kernel.directory.%");
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    types.add(row.getString(1));
                }
            }
        }
        return types;
    }

    private static boolean waitingForALock(TestDatabase database) throws Exception {
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND wait_event_type = 'Lock'")) {
            query.setString(1, database.name());
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1) > 0;
            }
        }
    }
}
