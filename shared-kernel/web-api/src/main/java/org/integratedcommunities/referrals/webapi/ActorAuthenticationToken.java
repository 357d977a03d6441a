package org.integratedcommunities.referrals.webapi;

import java.util.Collection;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** A validated bearer token together with the actor it speaks for. */
public final class ActorAuthenticationToken extends JwtAuthenticationToken {

    private final Actor actor;

    ActorAuthenticationToken(Jwt jwt, Actor actor, Collection<? extends GrantedAuthority> authorities) {
        super(jwt, authorities, actor.userId().value());
        this.actor = actor;
    }

    public Actor actor() {
        return actor;
    }
}
