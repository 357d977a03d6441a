package org.integratedcommunities.referrals.webapi;

import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import reactor.core.publisher.Mono;

/** The actor of the current request, as established by {@link ActorAuthenticationConverter}. */
public final class CurrentActor {

    private CurrentActor() {}

    public static Mono<Actor> get() {
        return authentication()
                .map(ActorAuthenticationToken::actor)
                .switchIfEmpty(Mono.error(new InvalidBearerTokenException("No authenticated actor")));
    }

    /** The current request's actor with its token; empty when the request has none (a page nobody signed in to). */
    public static Mono<ActorAuthenticationToken> authentication() {
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(context -> context.getAuthentication())
                .filter(ActorAuthenticationToken.class::isInstance)
                .cast(ActorAuthenticationToken.class);
    }
}
