package org.integratedcommunities.referrals.eventstore;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Axon's metrics on both applications, with a leaner monitor for the event processors than Axon's own. Axon's default
 * for a processor times every event with a timer it looks up by tags per event, measures capacity, counts by payload
 * type and re-registers the latency gauge per event: 18 % of a replay's CPU on the query side (JFR,
 * docs/performance.md), and about 3 % of the command side's for its subscribing registers, which handle every event
 * of every command. What the platform's dashboard and alerts read of a processor is kept, each meter registered once
 * per processor: {@code eventProcessor.latency} (milliseconds from an event being stored to its processor handling
 * it, the gauge Axon's own monitor keeps, same name and {@code eventProcessor} tag) and {@code eventProcessor.events}
 * counted by outcome. The processors' lag is {@link EventProcessorLag}. Everything else (the buses) keeps Axon's
 * monitors.
 */
@AutoConfiguration(before = MicrometerMetricsAutoConfiguration.class)
@ConditionalOnClass({MeterRegistry.class, GlobalMetricRegistry.class})
public class EventProcessorMetrics {

    /** Axon's tag for the processor's name, kept so dashboards written for Axon's meters read these. */
    static final String PROCESSOR_TAG = "eventProcessor";

    /** Replaces Axon Spring Boot's module, which backs off when one is defined: this is configured before it. */
    @Bean
    MetricsConfigurerModule metricsConfigurerModule(GlobalMetricRegistry axonMetrics) {
        return new MetricsConfigurerModule(axonMetrics, true) {
            @Override
            public void configureModule(Configurer configurer) {
                MeterRegistry registry = axonMetrics.getRegistry();
                configurer.configureMessageMonitor(configuration -> (componentType, componentName) -> {
                    @SuppressWarnings("unchecked")
                    MessageMonitor<Message<?>> monitor = EventProcessor.class.isAssignableFrom(componentType)
                            ? (MessageMonitor<Message<?>>)
                                    (MessageMonitor<?>) new ProcessorMonitor(componentName, registry)
                            : (MessageMonitor<Message<?>>)
                                    axonMetrics.registerComponentWithDefaultTags(componentType, componentName);
                    return monitor;
                });
            }
        };
    }

    /** One processor's latency gauge and outcome counters, registered once; per event, a subtraction and an add. */
    static final class ProcessorMonitor implements MessageMonitor<EventMessage<?>> {

        private final AtomicLong latencyMillis = new AtomicLong();
        private final MonitorCallback outcome;

        ProcessorMonitor(String processor, MeterRegistry registry) {
            Tags tags = Tags.of(PROCESSOR_TAG, processor);
            Gauge.builder("eventProcessor.latency", latencyMillis, AtomicLong::get)
                    .tags(tags)
                    .description("Milliseconds from the last handled event's storing to its handling")
                    .baseUnit("milliseconds")
                    .register(registry);
            Counter succeeded = events(registry, tags, "success");
            Counter failed = events(registry, tags, "failure");
            Counter ignored = events(registry, tags, "ignored");
            outcome = new MonitorCallback() {
                @Override
                public void reportSuccess() {
                    succeeded.increment();
                }

                @Override
                public void reportFailure(Throwable cause) {
                    failed.increment();
                }

                @Override
                public void reportIgnored() {
                    ignored.increment();
                }
            };
        }

        private static Counter events(MeterRegistry registry, Tags tags, String outcome) {
            return Counter.builder("eventProcessor.events")
                    .tags(tags)
                    .tag("outcome", outcome)
                    .description("Events the processor handled, by outcome")
                    .register(registry);
        }

        @Override
        public MonitorCallback onMessageIngested(EventMessage<?> message) {
            latencyMillis.set(
                    System.currentTimeMillis() - message.getTimestamp().toEpochMilli());
            return outcome;
        }
    }
}
