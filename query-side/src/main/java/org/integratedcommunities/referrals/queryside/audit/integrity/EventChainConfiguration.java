package org.integratedcommunities.referrals.queryside.audit.integrity;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event chain in the query side: the signing key from {@value SigningKeys#PROPERTY}, the chainer and its schedule.
 * Settings under {@code icr.audit} in {@code application.yml}.
 */
@Configuration
class EventChainConfiguration {

    @Bean
    SigningKeys auditSigningKeys(@Value("${" + SigningKeys.PROPERTY + ":}") String signingKey) {
        return SigningKeys.parse(signingKey);
    }

    @Bean
    EventChainer eventChainer(
            SigningKeys keys,
            // The projections' own gap timeout by default: an index the projections gave up on is a gap here too.
            @Value("${icr.audit.chain.gap-timeout:${icr.projections.gap-timeout:60s}}") Duration gapTimeout,
            @Value("${icr.audit.chain.batch-size:5000}") int batchSize,
            @Value("${icr.audit.chain.checkpoint-every-events:1000}") long checkpointEveryEvents,
            @Value("${icr.audit.chain.checkpoint-every:15m}") Duration checkpointEvery) {
        return new EventChainer(
                keys,
                new EventChainer.Settings(gapTimeout, batchSize, checkpointEveryEvents, checkpointEvery),
                Clock.systemUTC());
    }

    @Bean
    EventChainSchedule eventChainSchedule(
            EventChainer chainer,
            DataSource dataSource,
            @Value("${icr.audit.chain.enabled:true}") boolean enabled,
            @Value("${icr.audit.chain.interval:5s}") Duration interval) {
        return new EventChainSchedule(chainer, dataSource, enabled, interval);
    }
}
