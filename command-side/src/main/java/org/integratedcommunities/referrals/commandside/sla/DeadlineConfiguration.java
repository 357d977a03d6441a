package org.integratedcommunities.referrals.commandside.sla;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import com.github.kagkarlsson.scheduler.serializer.JacksonSerializer;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import com.github.kagkarlsson.scheduler.task.Task;
import java.util.Optional;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerHumanReadableDeadlineDetails;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.scheduling.dbscheduler.DbSchedulerEventScheduler;
import org.axonframework.eventhandling.scheduling.dbscheduler.DbSchedulerHumanReadableEventData;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Persistent deadlines: Axon's {@link DbSchedulerDeadlineManager} on db-scheduler, in PostgreSQL. A deadline is a row
 * of {@code event_store.scheduled_tasks} (Flyway {@code db/commandside/V11__scheduled_tasks.sql}) until it fires, so
 * deadlines survive restarts and, with several command-side replicas, fire once (db-scheduler locks the row).
 *
 * <p><b>Beans.</b> This replaces what Axon's {@code AxonDbSchedulerAutoConfiguration} would create, to store
 * deadlines as JSON rather than Java serialization:
 *
 * <ul>
 *   <li>{@code deadlineManager} ({@link ScopeIndexedDeadlineManager}: Axon's {@link DbSchedulerDeadlineManager},
 *       the {@code DeadlineManager} aggregates and sagas get, cancelling a scope's deadlines by an index) with
 *       human-readable details: deadline name, scope, payload and metadata as JSON strings written by Axon's
 *       {@code eventSerializer} (Jackson), checked by {@link DeadlinePayloadPolicy} (ids only);
 *   <li>{@code deadlineDetailsTask}: the db-scheduler task {@code axonDeadline} that fires them;
 *   <li>{@code eventScheduler} and {@code eventDataTask}: the same for Axon's {@code EventScheduler};
 *   <li>{@code dbSchedulerCustomizer}: db-scheduler writes its {@code task_data} with Jackson, so the table holds
 *       JSON that can be read (and audited for personal data), and nothing is ever Java-deserialized from the
 *       database.
 * </ul>
 *
 * db-scheduler's own Spring Boot auto-configuration creates the {@link Scheduler} (settings under
 * {@code db-scheduler.*} in application.yml) after Flyway has migrated (its bean is
 * {@code @DependsOnDatabaseInitialization}), and, with {@code db-scheduler.delay-startup-until-context-ready=true},
 * starts polling only once the context is refreshed, i.e. after Axon has started and every aggregate repository is
 * registered. Neither the deadline manager nor the event scheduler starts or stops the scheduler themselves.
 *
 * <p><b>Transactions.</b> Scheduling and cancelling run when the unit of work prepares to commit, on db-scheduler's
 * {@code TransactionAwareDataSourceProxy} over the application's DataSource: the {@code scheduled_tasks} row is
 * written in the same Spring transaction as the events the command appends, so both commit or neither does.
 * Firing runs the deadline handler in a new unit of work with its own transaction (events appended by the handler
 * commit there); db-scheduler then deletes the row. A crash between the two fires the deadline again once the
 * execution is found dead, so deadline handlers must be idempotent (e.g. ignore a deadline that has been superseded
 * or whose work is done). A handler that throws is retried by db-scheduler after 5 minutes.
 */
@Configuration(proxyBeanMethods = false)
public class DeadlineConfiguration {

    /** db-scheduler stores task data as JSON (Jackson), never Java serialization. */
    @Bean
    DbSchedulerCustomizer dbSchedulerCustomizer() {
        return new DbSchedulerCustomizer() {
            @Override
            public Optional<Serializer> serializer() {
                return Optional.of(new JacksonSerializer());
            }
        };
    }

    /** The db-scheduler task that fires Axon deadlines (named {@code axonDeadline}). */
    @Bean
    @Qualifier("deadlineDetailsTask")
    Task<DbSchedulerHumanReadableDeadlineDetails> deadlineDetailsTask(ApplicationContext context) {
        return DbSchedulerDeadlineManager.humanReadableTask(() -> context.getBean(DbSchedulerDeadlineManager.class));
    }

    @Bean
    DbSchedulerDeadlineManager deadlineManager(
            Scheduler scheduler,
            org.axonframework.config.Configuration configuration,
            @Qualifier("eventSerializer") org.axonframework.serialization.Serializer serializer,
            TransactionManager transactionManager,
            DeadlineManagerSpanFactory spanFactory,
            JdbcTemplate jdbc) {
        DbSchedulerDeadlineManager.Builder builder = DbSchedulerDeadlineManager.builder()
                .scheduler(scheduler)
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(configuration))
                .serializer(serializer)
                .transactionManager(transactionManager)
                .spanFactory(spanFactory)
                .useBinaryPojo(false)
                // db-scheduler's Spring Boot starter starts and stops the scheduler
                .startScheduler(false)
                .stopScheduler(false);
        DbSchedulerDeadlineManager deadlineManager =
                new ScopeIndexedDeadlineManager(builder, scheduler, jdbc, serializer, spanFactory);
        deadlineManager.registerDispatchInterceptor(new DeadlinePayloadPolicy());
        return deadlineManager;
    }

    /** The db-scheduler task that publishes events scheduled through Axon's {@code EventScheduler}. */
    @Bean
    @Qualifier("eventDataTask")
    Task<DbSchedulerHumanReadableEventData> eventDataTask(ApplicationContext context) {
        return DbSchedulerEventScheduler.humanReadableTask(() -> context.getBean(DbSchedulerEventScheduler.class));
    }

    @Bean
    DbSchedulerEventScheduler eventScheduler(
            Scheduler scheduler,
            @Qualifier("eventSerializer") org.axonframework.serialization.Serializer serializer,
            TransactionManager transactionManager,
            EventBus eventBus) {
        return DbSchedulerEventScheduler.builder()
                .scheduler(scheduler)
                .serializer(serializer)
                .transactionManager(transactionManager)
                .eventBus(eventBus)
                .useBinaryPojo(false)
                .startScheduler(false)
                .stopScheduler(false)
                .build();
    }
}
