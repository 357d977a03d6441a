package org.integratedcommunities.referrals.testsupport;

import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockAuthentication;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.webapi.ActorAuthenticationConverter;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Calls an application's API as an actor without Keycloak: the token's claims are turned into the authentication by
 * the application's own converter, exactly as for a verified token. For module tests; the end-to-end tests use real
 * Keycloak tokens.
 */
public final class ActorClients {

    private ActorClients() {}

    public static WebTestClient webTestClient(ApplicationContext context, Actor actor) {
        return webTestClient(context, actor, Instant.now().plus(Duration.ofMinutes(5)));
    }

    /** As {@link #webTestClient(ApplicationContext, Actor)}, with a token that expires at the given moment. */
    public static WebTestClient webTestClient(ApplicationContext context, Actor actor, Instant expiresAt) {
        Jwt jwt = Jwt.withTokenValue("test-token")
                .header("alg", "none")
                .issuedAt(expiresAt.minus(Duration.ofMinutes(5)))
                .expiresAt(expiresAt)
                .subject(actor.userId().value())
                .claim(
                        ActorAuthenticationConverter.AGENCY_CLAIM,
                        actor.agencyId().value())
                .claim(
                        ActorAuthenticationConverter.PARTNERSHIP_CLAIM,
                        actor.partnershipId().value())
                .claim(
                        "realm_access",
                        Map.of(
                                "roles",
                                actor.roles().stream().map(Role::realmRole).toList()))
                .build();
        AbstractAuthenticationToken authentication =
                new ActorAuthenticationConverter().convert(jwt).block();
        return WebTestClient.bindToApplicationContext(context)
                .apply(springSecurity())
                .configureClient()
                .build()
                .mutateWith(mockAuthentication(authentication));
    }
}
