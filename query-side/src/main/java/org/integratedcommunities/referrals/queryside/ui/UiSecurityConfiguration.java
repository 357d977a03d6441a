package org.integratedcommunities.referrals.queryside.ui;

import java.net.URI;
import java.util.Map;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.webapi.ActorAuthenticationConverter;
import org.integratedcommunities.referrals.webapi.ApiSecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.logout.DelegatingServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * The web UI's security, beside the APIs' bearer-token chain (which answers {@code /api/**} and comes first): sign-in
 * with the realm's confidential web client (authorization code with PKCE S256), the tokens kept on the server in the
 * user's WebSession (the browser only ever holds the session cookie), RP-initiated logout at Keycloak, CSRF on every
 * form, and secure headers: a content security policy without inline script, no framing, no sniffing, a strict
 * referrer policy, HSTS on TLS.
 *
 * <p>Who the user is comes from the signed-in user's access token, through the APIs' own decoder and converter
 * ({@link SignedInActor}): a page reads as exactly the actor the API would for the same user.
 */
@Configuration
@EnableConfigurationProperties(UiProperties.class)
class UiSecurityConfiguration {

    /** The client registration's id: part of the sign-in paths ({@code /oauth2/authorization/keycloak}). */
    static final String REGISTRATION_ID = "keycloak";

    static final String SIGN_IN_PATH = "/oauth2/authorization/" + REGISTRATION_ID;

    private static final String[] REFERRAL_ROLES =
            roles(Role.CASEWORKER, Role.AGENCY_WORKER, Role.AGENCY_MANAGER, Role.SAFEGUARDING_LEAD);

    /**
     * The realm's endpoints are given rather than discovered, so the query side starts while Keycloak is still
     * starting, as it does for the API. Browsers are sent to the issuer's host; the server itself calls Keycloak where
     * it fetches the signing keys ({@code icr.security.jwk-set-uri}), which may be another name for the same server.
     */
    @Bean
    ReactiveClientRegistrationRepository clientRegistrations(ApiSecurityProperties realm, UiProperties ui) {
        String issuer = realm.issuerUri().toString().replaceAll("/$", "");
        String serverSide = realm.jwkSetUri().toString().replaceAll("/certs$", "");
        ClientRegistration registration = ClientRegistration.withRegistrationId(REGISTRATION_ID)
                .clientName("Keycloak")
                .clientId(ui.clientId())
                .clientSecret(ui.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid", "profile")
                .issuerUri(issuer)
                .authorizationUri(issuer + "/protocol/openid-connect/auth")
                .tokenUri(serverSide + "/token")
                .jwkSetUri(realm.jwkSetUri().toString())
                .userNameAttributeName(IdTokenClaimNames.SUB)
                .providerConfigurationMetadata(
                        Map.of("end_session_endpoint", issuer + "/protocol/openid-connect/logout"))
                .build();
        return new InMemoryReactiveClientRegistrationRepository(registration);
    }

    /** Tokens live in the server-side session, never in the browser, and go with the session. */
    @Bean
    ServerOAuth2AuthorizedClientRepository authorizedClients() {
        return new WebSessionServerOAuth2AuthorizedClientRepository();
    }

    /** Hands out the signed-in user's access token, refreshed with the refresh token when it is about to expire. */
    @Bean
    ReactiveOAuth2AuthorizedClientManager authorizedClientManager(
            ReactiveClientRegistrationRepository registrations, ServerOAuth2AuthorizedClientRepository clients) {
        DefaultReactiveOAuth2AuthorizedClientManager manager =
                new DefaultReactiveOAuth2AuthorizedClientManager(registrations, clients);
        manager.setAuthorizedClientProvider(ReactiveOAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode()
                .refreshToken()
                .build());
        return manager;
    }

    @Bean
    SignedInActor signedInActor(
            ReactiveOAuth2AuthorizedClientManager clients,
            ReactiveJwtDecoder jwtDecoder,
            ActorAuthenticationConverter converter,
            Colleagues colleagues) {
        return new SignedInActor(clients, jwtDecoder, converter, colleagues);
    }

    /** After the API chain: everything it does not answer is the web UI. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE - 100)
    SecurityWebFilterChain uiFilterChain(
            ServerHttpSecurity http,
            ReactiveClientRegistrationRepository registrations,
            ServerOAuth2AuthorizedClientRepository clients,
            SignedInActor signedInActor,
            ApiSecurityProperties realm) {
        DefaultServerOAuth2AuthorizationRequestResolver pkce =
                new DefaultServerOAuth2AuthorizationRequestResolver(registrations);
        // Spring adds PKCE by itself only for public clients; the realm requires it of this confidential one too.
        pkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        OidcClientInitiatedServerLogoutSuccessHandler backToStart =
                new OidcClientInitiatedServerLogoutSuccessHandler(registrations);
        backToStart.setPostLogoutRedirectUri("{baseUrl}/");
        return http.authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/", "/assets/**", "/app/**", "/favicon.ico")
                        .permitAll()
                        // The inbox's live updates too: the same roles as the API's /api/inbox/**.
                        .pathMatchers("/inbox", "/inbox/**", "/outbox", "/referrals/**", "/cases", "/cases/**")
                        .hasAnyRole(REFERRAL_ROLES)
                        .pathMatchers("/audit", "/audit/**")
                        .hasRole(Role.AUDITOR.name())
                        .pathMatchers("/indicators")
                        .hasRole(Role.PARTNERSHIP_COORDINATOR.name())
                        .anyExchange()
                        .authenticated())
                .oauth2Login(login -> login.authorizedClientRepository(clients)
                        .authorizationRequestResolver(pkce)
                        .authenticationFailureHandler(
                                new RedirectServerAuthenticationFailureHandler("/?sign-in=failed")))
                .logout(logout -> logout.logoutHandler(new DelegatingServerLogoutHandler(
                                new SecurityContextServerLogoutHandler(), new WebSessionServerLogoutHandler()))
                        .logoutSuccessHandler(backToStart))
                .headers(headers -> headers.contentSecurityPolicy(
                                csp -> csp.policyDirectives(contentSecurityPolicy(realm.issuerUri())))
                        .frameOptions(frame -> frame.mode(Mode.DENY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                        .permissionsPolicy(
                                permissions -> permissions.policy("camera=(), microphone=(), geolocation=()")))
                // A signed-in user without the role sees the 403 page (rendered by the error handler, like 404).
                .exceptionHandling(handling -> handling.accessDeniedHandler(
                        (exchange, denied) -> Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN))))
                .addFilterBefore(signedInActor, SecurityWebFiltersOrder.AUTHORIZATION)
                .build();
    }

    /**
     * Everything from this origin, nothing inline: GOV.UK Frontend's own stylesheet, fonts and script are served from
     * here and it is initialised from a file; its stylesheet uses {@code data:} images. Forms post only here, but the
     * sign-out form's redirect goes on to Keycloak, and browsers hold a form's redirects to {@code form-action}.
     */
    static String contentSecurityPolicy(URI issuer) {
        String keycloak = issuer.getScheme() + "://" + issuer.getAuthority();
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self';"
                + " connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self' " + keycloak + ";"
                + " frame-ancestors 'none'";
    }

    private static String[] roles(Role... roles) {
        String[] names = new String[roles.length];
        for (int i = 0; i < roles.length; i++) {
            names[i] = roles[i].name();
        }
        return names;
    }
}
