package org.integratedcommunities.referrals.eventstore;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each streaming processor's lag ({@link EventProcessorLag}) on both applications' Prometheus endpoint, beside the
 * latency {@link EventProcessorMetrics} gives; wherever there is a meter registry and a JDBC template (the event
 * store's schema is {@link PostgresEventStoreSchema}'s, always there).
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration",
            "org.axonframework.springboot.autoconfig.AxonAutoConfiguration"
        })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({MeterRegistry.class, JdbcTemplate.class})
public class EventProcessorLagMetrics {

    @Bean
    EventProcessorLag eventProcessorLag(
            EventProcessingConfiguration processing,
            JdbcTemplate jdbc,
            EventSchema events,
            TokenSchema tokens,
            Serializer serializer,
            MeterRegistry registry) {
        return new EventProcessorLag(processing, jdbc, events, tokens, serializer, registry);
    }
}
