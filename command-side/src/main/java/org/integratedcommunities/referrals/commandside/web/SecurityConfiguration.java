package org.integratedcommunities.referrals.commandside.web;

import org.integratedcommunities.referrals.webapi.ApiDocumentation;
import org.integratedcommunities.referrals.webapi.ApiSecurityConfiguration.ApiSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/** The command API accepts only bearer tokens; who may send which command is decided here and in the aggregates. */
@Configuration
@EnableWebFluxSecurity
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain apiFilterChain(ServerHttpSecurity http, ApiSecurity apiSecurity) {
        return apiSecurity
                .statelessApi(http)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus")
                        .permitAll()
                        .pathMatchers(HttpMethod.GET, ApiDocumentation.PUBLIC_PATHS)
                        .permitAll()
                        .pathMatchers(
                                HttpMethod.POST, "/api/referrals/**", "/api/cases/**", "/api/referrals", "/api/cases")
                        .hasAnyRole("CASEWORKER", "AGENCY_WORKER", "AGENCY_MANAGER", "SAFEGUARDING_LEAD")
                        .pathMatchers("/api/directory/**")
                        .hasRole("ADMIN")
                        .anyExchange()
                        .authenticated())
                .build();
    }
}
