package org.integratedcommunities.referrals.queryside.web;

import java.util.Arrays;
import java.util.stream.Stream;
import org.integratedcommunities.referrals.webapi.ApiDocumentation;
import org.integratedcommunities.referrals.webapi.ApiSecurityConfiguration.ApiSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * The query API accepts only bearer tokens. Roles decide which endpoints a user may call; what each call returns is
 * further scoped to the user's agency and partnership by the repositories.
 *
 * <p>This chain answers the API's paths (and the health probes and the API's documentation) and comes first; every
 * other path is the web UI's, with its own chain of sign-in, session and CSRF ({@code ui.UiSecurityConfiguration}).
 */
@Configuration
@EnableWebFluxSecurity
class SecurityConfiguration {

    /** The paths this chain answers; the web UI's chain takes the rest. */
    static final String[] API_PATHS = Stream.concat(
                    Stream.of("/api/**", "/actuator/**"), Arrays.stream(ApiDocumentation.PUBLIC_PATHS))
            .toArray(String[]::new);

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain apiFilterChain(ServerHttpSecurity http, ApiSecurity apiSecurity) {
        return apiSecurity
                .statelessApi(http.securityMatcher(ServerWebExchangeMatchers.pathMatchers(API_PATHS)))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus")
                        .permitAll()
                        .pathMatchers(HttpMethod.GET, ApiDocumentation.PUBLIC_PATHS)
                        .permitAll()
                        .pathMatchers(HttpMethod.GET, "/api/referrals", "/api/referrals/**", "/api/inbox/**")
                        .hasAnyRole("CASEWORKER", "AGENCY_WORKER", "AGENCY_MANAGER", "SAFEGUARDING_LEAD")
                        // The escalation list refuses other roles itself, saying what they may not see.
                        // The auditor's workspace (integrity, access log, as-at views): the auditor alone, answering
                        // 403 problem+json to anyone else; each controller checks the role again.
                        .pathMatchers(HttpMethod.GET, "/api/audit/**")
                        .hasRole("AUDITOR")
                        .pathMatchers(HttpMethod.GET, "/api/escalations")
                        .authenticated()
                        .anyExchange()
                        .authenticated())
                .build();
    }
}
