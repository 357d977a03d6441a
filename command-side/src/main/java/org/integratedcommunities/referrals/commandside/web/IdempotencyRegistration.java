package org.integratedcommunities.referrals.commandside.web;

import org.axonframework.commandhandling.CommandBus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Puts the {@link IdempotencyInterceptor} on the command bus. A bean of its own: Axon's configuration must not depend
 * on it, or the command bus would depend on itself.
 */
@Component
class IdempotencyRegistration {

    IdempotencyRegistration(CommandBus commandBus, JdbcTemplate jdbc) {
        commandBus.registerHandlerInterceptor(new IdempotencyInterceptor(jdbc));
    }
}
