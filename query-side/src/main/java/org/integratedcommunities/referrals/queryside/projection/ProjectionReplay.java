package org.integratedcommunities.referrals.queryside.projection;

import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Rebuilds read models from the first event: every streaming processor is shut down, its tokens reset (its reset
 * handlers empty its tables and its dead letters are cleared, in the same transaction as the new tokens), and started
 * again. Its read models are then behind until the replay catches up.
 *
 * <p>A deliberate, state-changing operation: never behind a GET. Stop the query side's other replicas first. A
 * replica that still holds a claim makes the reset fail (Axon cannot take over a claimed token) and changes nothing;
 * this replica's processors are started again either way.
 */
@Component
public class ProjectionReplay {

    private static final Logger log = LoggerFactory.getLogger(ProjectionReplay.class);

    private final EventProcessingConfiguration processing;

    ProjectionReplay(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /** Replays every processor; returns their names. */
    public List<String> replayAll() {
        List<StreamingEventProcessor> processors = processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .toList();
        processors.forEach(StreamingEventProcessor::shutDown);
        try {
            for (StreamingEventProcessor processor : processors) {
                log.info(
                        "Resetting processor {}: its read models are rebuilt from the first event",
                        processor.getName());
                processor.resetTokens();
            }
        } finally {
            processors.forEach(StreamingEventProcessor::start);
        }
        return processors.stream().map(StreamingEventProcessor::getName).toList();
    }
}
