package org.integratedcommunities.referrals.deadlineprobe;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A test-only aggregate that schedules a deadline and records, by an event, that it fired: proof that persistent
 * deadlines reach a real deadline handler, in whichever application instance runs when they fall due.
 */
@Aggregate
public class DeadlineProbe {

    public static final String DEADLINE = "probe-due";

    /** A second deadline in the same scope, which cancelling {@link #DEADLINE} must leave alone. */
    public static final String REMINDER = "probe-reminder";

    /** Schedules {@link ProbeDue} for {@code fireAt}. */
    public record StartDeadlineProbe(UUID probeId, Instant fireAt) {}

    /** Tries to schedule a deadline carrying a name: must be refused, and the command with it. */
    public record StartLeakyProbe(UUID probeId, String personName) {}

    /** Schedules {@link ProbeDue} and a {@link #REMINDER}, both for {@code fireAt}. */
    public record StartRemindedProbe(UUID probeId, Instant fireAt) {}

    /** Cancels the probe's {@link #DEADLINE}s, through {@code cancelAllWithinScope} as referrals do. */
    public record CancelProbe(@TargetAggregateIdentifier UUID probeId) {}

    public record DeadlineProbeCancelled(UUID probeId) {}

    public record DeadlineProbeStarted(UUID probeId, Instant fireAt) {}

    public record DeadlineProbeFired(UUID probeId, Instant fireAt, Instant firedAt) {}

    /** The deadline's payload: ids and times only. */
    public record ProbeDue(UUID probeId, Instant fireAt) {}

    /** A payload that would put personal data into the deadline table. */
    public record LeakyDue(UUID probeId, String personName) {}

    @AggregateIdentifier
    private UUID probeId;

    protected DeadlineProbe() {
        // rebuilt from events
    }

    @CommandHandler
    public DeadlineProbe(StartDeadlineProbe command, DeadlineManager deadlines) {
        apply(new DeadlineProbeStarted(command.probeId(), command.fireAt()));
        deadlines.schedule(command.fireAt(), DEADLINE, new ProbeDue(command.probeId(), command.fireAt()));
    }

    @CommandHandler
    public DeadlineProbe(StartLeakyProbe command, DeadlineManager deadlines) {
        apply(new DeadlineProbeStarted(command.probeId(), Instant.now()));
        deadlines.schedule(
                Instant.now().plusSeconds(3600), DEADLINE, new LeakyDue(command.probeId(), command.personName()));
    }

    @CommandHandler
    public DeadlineProbe(StartRemindedProbe command, DeadlineManager deadlines) {
        apply(new DeadlineProbeStarted(command.probeId(), command.fireAt()));
        deadlines.schedule(command.fireAt(), DEADLINE, new ProbeDue(command.probeId(), command.fireAt()));
        deadlines.schedule(command.fireAt(), REMINDER, new ProbeDue(command.probeId(), command.fireAt()));
    }

    @CommandHandler
    void handle(CancelProbe command, DeadlineManager deadlines) {
        apply(new DeadlineProbeCancelled(command.probeId()));
        deadlines.cancelAllWithinScope(DEADLINE);
    }

    @EventSourcingHandler
    void on(DeadlineProbeStarted event) {
        probeId = event.probeId();
    }

    @DeadlineHandler(deadlineName = DEADLINE)
    void fired(ProbeDue due) {
        apply(new DeadlineProbeFired(probeId, due.fireAt(), Instant.now()));
    }

    @DeadlineHandler(deadlineName = REMINDER)
    void reminded(ProbeDue due) {
        // nothing to do: the reminder is only there to be left alone when DEADLINE is cancelled
    }
}
