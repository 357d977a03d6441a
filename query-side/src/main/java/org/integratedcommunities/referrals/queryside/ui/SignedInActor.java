package org.integratedcommunities.referrals.queryside.ui;

import java.net.URI;
import java.util.Optional;
import org.integratedcommunities.referrals.webapi.ActorAuthenticationConverter;
import org.integratedcommunities.referrals.webapi.ActorAuthenticationToken;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * Turns a signed-in browser session into the same {@link ActorAuthenticationToken} a bearer token gives the API: the
 * session's access token (refreshed when due) is decoded and validated by the API's own decoder (issuer, audience,
 * expiry, signature) and converted by the API's own converter (realm roles, {@code agency_id}, {@code partnership_id}).
 * For the rest of the request the pages see that token, so {@code CurrentActor}, the role rules and the reads are
 * exactly the API's. The id token is used for nothing but sign-out.
 *
 * <p>Runs after the sign-in and sign-out filters (which need the OIDC login itself) and before authorization. When the
 * session no longer yields a token (the refresh token expired or was revoked), the session ends and the user signs in
 * again; a token that names no agency or partnership gets the 403 page.
 */
final class SignedInActor implements WebFilter {

    private final ReactiveOAuth2AuthorizedClientManager clients;
    private final ReactiveJwtDecoder decoder;
    private final ActorAuthenticationConverter converter;
    private final Colleagues colleagues;

    SignedInActor(
            ReactiveOAuth2AuthorizedClientManager clients,
            ReactiveJwtDecoder decoder,
            ActorAuthenticationConverter converter,
            Colleagues colleagues) {
        this.clients = clients;
        this.decoder = decoder;
        this.converter = converter;
        this.colleagues = colleagues;
    }

    /** The session attribute that says the user is already recorded among their agency's {@link Colleagues}. */
    private static final String RECORDED_AS_COLLEAGUE = SignedInActor.class.getName() + ".colleague";

    /** What the session gave: an actor, nothing (not signed in with Keycloak), or no usable token any more. */
    private record Resolution(Optional<Authentication> actor, boolean signInAgain) {}

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(context -> context.getAuthentication())
                .filter(OAuth2AuthenticationToken.class::isInstance)
                .cast(OAuth2AuthenticationToken.class)
                .flatMap(login -> actorOf(login, exchange))
                .defaultIfEmpty(new Resolution(Optional.empty(), false))
                .flatMap(resolution -> {
                    if (resolution.signInAgain()) {
                        return signInAgain(exchange);
                    }
                    return resolution
                            .actor()
                            .map(actor -> recordedAsColleague(exchange, actor)
                                    .then(chain.filter(exchange)
                                            .contextWrite(ReactiveSecurityContextHolder.withAuthentication(actor))))
                            .orElseGet(() -> chain.filter(exchange));
                });
    }

    private Mono<Resolution> actorOf(OAuth2AuthenticationToken login, ServerWebExchange exchange) {
        OAuth2AuthorizeRequest request = OAuth2AuthorizeRequest.withClientRegistrationId(
                        login.getAuthorizedClientRegistrationId())
                .principal(login)
                .attribute(ServerWebExchange.class.getName(), exchange)
                .build();
        return clients.authorize(request)
                .map(client -> client.getAccessToken().getTokenValue())
                .map(Optional::of)
                .onErrorResume(OAuth2AuthorizationException.class, expired -> Mono.just(Optional.empty()))
                .defaultIfEmpty(Optional.empty())
                .flatMap(token -> token.isEmpty()
                        ? Mono.just(new Resolution(Optional.empty(), true))
                        : decoder.decode(token.get())
                                .flatMap(converter::convert)
                                .<Authentication>map(actor -> actor)
                                .map(actor -> new Resolution(Optional.of(actor), false))
                                .onErrorMap(
                                        e -> !(e instanceof ResponseStatusException),
                                        e -> new ResponseStatusException(
                                                HttpStatus.FORBIDDEN, "The account acts for no agency")));
    }

    /** Once a session: the user is one of their agency's people a manager may assign referrals to. */
    private Mono<Void> recordedAsColleague(ServerWebExchange exchange, Authentication authentication) {
        if (!(authentication instanceof ActorAuthenticationToken token)) {
            return Mono.empty();
        }
        return exchange.getSession().flatMap(session -> {
            if (session.getAttributes().putIfAbsent(RECORDED_AS_COLLEAGUE, Boolean.TRUE) != null) {
                return Mono.empty();
            }
            return colleagues.signedIn(token.actor(), PageModel.nameOf(token.getToken()));
        });
    }

    private static Mono<Void> signInAgain(ServerWebExchange exchange) {
        return exchange.getSession().flatMap(WebSession::invalidate).then(Mono.fromRunnable(() -> {
            exchange.getResponse().setStatusCode(HttpStatus.FOUND);
            exchange.getResponse().getHeaders().setLocation(URI.create(UiSecurityConfiguration.SIGN_IN_PATH));
        }));
    }
}
