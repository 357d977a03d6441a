package org.integratedcommunities.referrals.commandside.sla;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import jakarta.annotation.Nonnull;
import jakarta.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerHumanReadableDeadlineDetails;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Axon's {@link DbSchedulerDeadlineManager}, but cancelling a scope's deadlines reads only that scope's rows, and
 * scheduling one writes its row without first looking for it.
 *
 * <p>Axon's {@code cancelAllWithinScope} fetches every pending deadline of every aggregate, deserializes each and
 * compares its scope in Java, then reads and deletes each match: a city's thousands of open referrals were all read
 * by every accept, outcome and close. Here one {@code DELETE} finds the scope's rows through the expression index of
 * Flyway {@code db/commandside/V15__deadlines_by_scope.sql} and removes those of the deadline's name.
 *
 * <p>Same behaviour as Axon's: it runs when the unit of work prepares to commit, in the command's transaction (the
 * {@link JdbcTemplate} joins the Spring transaction, as db-scheduler's {@code TransactionAwareDataSourceProxy} does),
 * so the cancellation commits with the events or not at all; it compares the same text (the scope as Axon's
 * serializer writes it, and the deadline's name); and it leaves alone a deadline db-scheduler has picked to fire (Axon
 * skips picked executions too), whose handler then runs and, like every deadline handler here, ignores a deadline
 * whose work is done. A deadline being picked while it is cancelled waits for the command's row lock and then finds
 * the row gone, so a cancelled deadline never fires.
 *
 * <p><b>Scheduling</b> is Axon's, step for step (the same message, dispatch interceptors, span, task data and random
 * task id, at prepare-commit), except for the last one: Axon calls db-scheduler's {@code schedule}, which is
 * {@code scheduleIfNotExists}, a {@code SELECT} of the new id before the {@code INSERT}. The id is a fresh random UUID
 * that no row can hold, so the row is written with db-scheduler's {@code scheduleBatch} (the same {@code INSERT}, on
 * the same transaction-aware DataSource, without the look-up); were the id ever taken, the insert would fail the
 * command instead of silently not scheduling. Firing and the other cancellations are Axon's.
 */
public class ScopeIndexedDeadlineManager extends DbSchedulerDeadlineManager {

    /** db-scheduler's task name for Axon's deadlines (package-private in Axon's DbSchedulerDeadlineToken). */
    static final String TASK_NAME = "AxonDeadline";

    /** The rows of one scope through the index, then the deadline's name; not one being fired. */
    static final String CANCEL_WITHIN_SCOPE = "DELETE FROM scheduled_tasks"
            + " WHERE task_name = '" + TASK_NAME + "'"
            + " AND axon_deadline_scope(task_data) = ?"
            + " AND convert_from(task_data, 'UTF8')::jsonb ->> 'deadlineName' = ?"
            + " AND NOT picked";

    private static final TaskDescriptor<DbSchedulerHumanReadableDeadlineDetails> TASK =
            TaskDescriptor.of(TASK_NAME, DbSchedulerHumanReadableDeadlineDetails.class);

    private final Scheduler scheduler;
    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final DeadlineManagerSpanFactory spanFactory;

    /**
     * @param builder Axon's builder, with human-readable task data ({@code useBinaryPojo(false)}): the index reads
     *     that JSON
     * @param scheduler the one given to the builder
     * @param jdbc on the application's DataSource, so it joins the command's transaction
     * @param serializer the one given to the builder, which writes the scopes that are compared
     * @param spanFactory the one given to the builder
     */
    ScopeIndexedDeadlineManager(
            Builder builder,
            Scheduler scheduler,
            JdbcTemplate jdbc,
            Serializer serializer,
            DeadlineManagerSpanFactory spanFactory) {
        super(builder);
        this.scheduler = scheduler;
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.spanFactory = spanFactory;
    }

    @Override
    public String schedule(
            @Nonnull Instant triggerDateTime,
            @Nonnull String deadlineName,
            @Nullable Object messageOrPayload,
            @Nonnull ScopeDescriptor deadlineScope) {
        DeadlineMessage<Object> deadlineMessage =
                GenericDeadlineMessage.asDeadlineMessage(deadlineName, messageOrPayload, triggerDateTime);
        String identifier = IdentifierFactory.getInstance().generateIdentifier();
        runOnPrepareCommitOrNow(spanFactory
                .createScheduleSpan(deadlineName, identifier, deadlineMessage)
                .wrapRunnable(() -> {
                    DeadlineMessage<Object> message = processDispatchInterceptors(deadlineMessage);
                    TaskInstance<?> task = TASK.instance(identifier)
                            .data(details(deadlineName, deadlineScope, message))
                            .build();
                    scheduler.scheduleBatch(List.of(task), triggerDateTime);
                }));
        return identifier;
    }

    /** What Axon's {@code DbSchedulerHumanReadableDeadlineDetails.serialized} (package-private) writes. */
    private DbSchedulerHumanReadableDeadlineDetails details(
            String deadlineName, ScopeDescriptor scope, DeadlineMessage<?> message) {
        SerializedObject<String> serializedScope = serializer.serialize(scope, String.class);
        SerializedObject<String> payload = serializer.serialize(message.getPayload(), String.class);
        SerializedObject<String> metaData = serializer.serialize(message.getMetaData(), String.class);
        return new DbSchedulerHumanReadableDeadlineDetails(
                deadlineName,
                serializedScope.getData(),
                serializedScope.getType().getName(),
                payload.getData(),
                payload.getType().getName(),
                payload.getType().getRevision(),
                metaData.getData());
    }

    @Override
    public void cancelAllWithinScope(@Nonnull String deadlineName, @Nonnull ScopeDescriptor scope) {
        String serializedScope = serializer.serialize(scope, String.class).getData();
        runOnPrepareCommitOrNow(spanFactory
                .createCancelAllWithinScopeSpan(deadlineName, scope)
                .wrapRunnable(() -> jdbc.update(CANCEL_WITHIN_SCOPE, serializedScope, deadlineName)));
    }
}
