package org.integratedcommunities.referrals.commandside.web;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class CommandBusConfiguration {

    /**
     * Event handlers on the command side fail loudly. The registers run in the command's own transaction, so a
     * failure there must undo the command rather than be logged and skipped (Axon's default).
     */
    @Bean
    ConfigurerModule propagateEventHandlerErrors() {
        return configurer -> configurer
                .eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
    }
}
