package org.integratedcommunities.referrals.webapi;

import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import reactor.core.publisher.Mono;

/** The actor of the current request, as established by {@link ActorAuthenticationConverter}. */
public final class CurrentActor {

    private CurrentActor() {}

    public static Mono<Actor> get() {
        return ReactiveSecurityContextHolder.getContext()
                .map(context -> context.getAuthentication())
                .filter(ActorAuthenticationToken.class::isInstance)
                .map(authentication -> ((ActorAuthenticationToken) authentication).actor())
                .switchIfEmpty(Mono.error(new InvalidBearerTokenException("No authenticated actor")));
    }
}
