package org.integratedcommunities.referrals.commandside.directory;

import org.integratedcommunities.referrals.commandside.sla.ServiceLevelOverrides;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

@Configuration(proxyBeanMethods = false)
class DirectoryConfiguration {

    /**
     * The acknowledgement service levels a partnership's admins set in its directory. Asked first, so they win over
     * configuration ({@code icr.sla.acknowledgement-working-days}, asked last) and the product's defaults.
     */
    @Bean
    @Order(0)
    ServiceLevelOverrides directoryServiceLevels(DirectoryRegisterProjection register) {
        return register::acknowledgementWorkingDays;
    }
}
