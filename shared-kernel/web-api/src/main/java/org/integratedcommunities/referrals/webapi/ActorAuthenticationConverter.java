package org.integratedcommunities.referrals.webapi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.identity.UserId;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import reactor.core.publisher.Mono;

/**
 * The one place where a validated token becomes an {@link Actor}: realm roles become {@code ROLE_*} authorities, and
 * the {@code agency_id} / {@code partnership_id} claims become {@code AGENCY_*} / {@code PARTNERSHIP_*} authorities.
 * A token without agency membership is refused outright: nothing in this product may be done by nobody's agency.
 */
public final class ActorAuthenticationConverter implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

    public static final String AGENCY_CLAIM = "agency_id";
    public static final String PARTNERSHIP_CLAIM = "partnership_id";

    @Override
    public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
        return Mono.fromCallable(() -> toAuthentication(jwt));
    }

    ActorAuthenticationToken toAuthentication(Jwt jwt) {
        Actor actor = actorOf(jwt);
        List<GrantedAuthority> authorities = new ArrayList<>();
        actor.roles().forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name())));
        authorities.add(new SimpleGrantedAuthority("AGENCY_" + actor.agencyId().value()));
        authorities.add(new SimpleGrantedAuthority(
                "PARTNERSHIP_" + actor.partnershipId().value()));
        return new ActorAuthenticationToken(jwt, actor, authorities);
    }

    static Actor actorOf(Jwt jwt) {
        String agency = jwt.getClaimAsString(AGENCY_CLAIM);
        String partnership = jwt.getClaimAsString(PARTNERSHIP_CLAIM);
        if (agency == null || partnership == null) {
            throw new InvalidBearerTokenException("The token does not say which agency and partnership it acts for");
        }
        try {
            return new Actor(
                    new UserId(jwt.getSubject()),
                    new AgencyId(agency),
                    new PartnershipId(partnership),
                    realmRoles(jwt.getClaimAsMap("realm_access")));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidBearerTokenException("The token's subject, agency or partnership is malformed");
        }
    }

    private static Set<Role> realmRoles(Map<String, Object> realmAccess) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (realmAccess != null && realmAccess.get("roles") instanceof Collection<?> names) {
            names.forEach(name -> Role.fromRealmRole(String.valueOf(name)).ifPresent(roles::add));
        }
        return roles;
    }
}
