package org.integratedcommunities.referrals.queryside.projection;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How projections fail: loudly. Axon's default logs a handler error and moves on, which would lose the event. */
@Configuration
class ProjectionConfiguration {

    @Bean
    ConfigurerModule propagateProjectionErrors() {
        return configurer -> configurer
                .eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
    }
}
