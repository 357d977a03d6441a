package org.integratedcommunities.referrals.commandside.web;

import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class IdConfiguration {

    /** New aggregate ids; injected so tests can make them predictable. */
    @Bean
    Supplier<UUID> idGenerator() {
        return UUID::randomUUID;
    }
}
