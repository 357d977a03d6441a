package org.integratedcommunities.referrals.webapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * Bearer-token checking shared by both APIs: signature against the realm's keys, issuer, audience and expiry, and
 * problem+json answers for 401 and 403. Keys are fetched lazily, so a service starts even while Keycloak is still
 * starting.
 */
@AutoConfiguration
@EnableConfigurationProperties(ApiSecurityProperties.class)
public class ApiSecurityConfiguration {

    /** Tokens kept verified: those of a city's users active at once, a few KB each. */
    private static final long VERIFIED_TOKENS = 2_000;

    /** At most as long as the realm's access tokens live (5 minutes), whatever a token says. */
    private static final Duration VERIFIED_TOKEN_AGE = Duration.ofMinutes(5);

    @Bean
    ReactiveJwtDecoder jwtDecoder(ApiSecurityProperties properties) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(
                        properties.jwkSetUri().toString())
                .build();
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(properties.clockSkew()),
                new JwtIssuerValidator(properties.issuerUri().toString()),
                new AudienceValidator(properties.audience()));
        decoder.setJwtValidator(validator);
        return new VerifiedTokenCache(decoder, validator, VERIFIED_TOKENS, VERIFIED_TOKEN_AGE);
    }

    @Bean
    ActorAuthenticationConverter actorAuthenticationConverter() {
        return new ActorAuthenticationConverter();
    }

    @Bean
    ApiSecurity apiSecurity(ReactiveJwtDecoder decoder, ActorAuthenticationConverter converter, ObjectMapper mapper) {
        return new ApiSecurity(decoder, converter, new ProblemResponses(mapper));
    }

    /** Applies bearer-token authentication with problem+json failures to an application's filter chain. */
    public static final class ApiSecurity {

        private final ReactiveJwtDecoder decoder;
        private final ActorAuthenticationConverter converter;
        private final ProblemResponses problems;

        ApiSecurity(ReactiveJwtDecoder decoder, ActorAuthenticationConverter converter, ProblemResponses problems) {
            this.decoder = decoder;
            this.converter = converter;
            this.problems = problems;
        }

        public ServerHttpSecurity applyTo(ServerHttpSecurity http) {
            return http.oauth2ResourceServer(
                            server -> server.jwt(jwt -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(converter))
                                    .authenticationEntryPoint(authenticationEntryPoint())
                                    .accessDeniedHandler(accessDeniedHandler()))
                    .exceptionHandling(handling -> handling.authenticationEntryPoint(authenticationEntryPoint())
                            .accessDeniedHandler(accessDeniedHandler()));
        }

        /**
         * A stateless bearer-token API: no session cookie (so no CSRF to guard against), no basic or form login,
         * and the health probes open to the platform.
         *
         * <p>Nothing here looks at a web session: the token is validated on every request, so there is no security
         * context to load from a session and no request to save for after a sign-in. Left at their defaults, both
         * would ask every API request for its session, and WebFlux would create one each time (a random id made on
         * another thread, and the request handed to yet another thread to go on), which profiling showed as a
         * measurable part of an inbox request (docs/performance.md).
         */
        public ServerHttpSecurity statelessApi(ServerHttpSecurity http) {
            return applyTo(http)
                    .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                    .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                    .csrf(ServerHttpSecurity.CsrfSpec::disable)
                    .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                    .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                    .logout(ServerHttpSecurity.LogoutSpec::disable);
        }

        public ServerAuthenticationEntryPoint authenticationEntryPoint() {
            return (exchange, e) -> problems.write(
                    exchange,
                    HttpStatus.UNAUTHORIZED,
                    "Not signed in",
                    "A valid bearer token for this service is required.");
        }

        public ServerAccessDeniedHandler accessDeniedHandler() {
            return (exchange, e) -> problems.write(
                    exchange, HttpStatus.FORBIDDEN, "Not allowed", "Your role does not allow this action.");
        }
    }
}
