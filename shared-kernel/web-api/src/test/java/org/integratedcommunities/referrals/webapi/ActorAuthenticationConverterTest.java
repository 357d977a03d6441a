package org.integratedcommunities.referrals.webapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

class ActorAuthenticationConverterTest {

    private final ActorAuthenticationConverter converter = new ActorAuthenticationConverter();

    @Test
    void realmRolesAgencyAndPartnershipBecomeTheActorAndItsAuthorities() {
        Jwt jwt = jwt(Map.of(
                "agency_id", "bradford-esol",
                "partnership_id", "bradford",
                "realm_access", Map.of("roles", List.of("agency_worker", "default-roles-icr", "offline_access"))));

        ActorAuthenticationToken authentication = converter.toAuthentication(jwt);

        assertThat(authentication.actor().agencyId().value()).isEqualTo("bradford-esol");
        assertThat(authentication.actor().partnershipId().value()).isEqualTo("bradford");
        assertThat(authentication.actor().roles()).containsExactly(Role.AGENCY_WORKER);
        assertThat(authentication.actor().userId().value()).isEqualTo("subject-1");
        assertThat(authentication.getAuthorities())
                .extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_AGENCY_WORKER", "AGENCY_bradford-esol", "PARTNERSHIP_bradford");
    }

    @Test
    void aTokenWithoutAgencyMembershipIsRefused() {
        Jwt jwt = jwt(Map.of("partnership_id", "bradford", "realm_access", Map.of("roles", List.of("caseworker"))));

        assertThatThrownBy(() -> converter.toAuthentication(jwt))
                .isInstanceOf(InvalidBearerTokenException.class)
                .hasMessageContaining("agency and partnership");
    }

    @Test
    void aMalformedAgencyIsRefused() {
        Jwt jwt = jwt(Map.of("agency_id", "Bradford ESOL; DROP", "partnership_id", "bradford"));

        assertThatThrownBy(() -> converter.toAuthentication(jwt)).isInstanceOf(InvalidBearerTokenException.class);
    }

    @Test
    void aTokenWithoutRolesHasNoRoleAuthorities() {
        Jwt jwt = jwt(Map.of("agency_id", "bradford-esol", "partnership_id", "bradford"));

        assertThat(converter.toAuthentication(jwt).actor().roles()).isEmpty();
    }

    @Test
    void audienceIsAcceptedAsStringOrArrayAndRefusedOtherwise() {
        AudienceValidator validator = new AudienceValidator("icr-api");

        assertThat(validator.validate(jwt(Map.of("aud", "icr-api"))).hasErrors())
                .isFalse();
        assertThat(validator
                        .validate(jwt(Map.of("aud", List.of("account", "icr-api"))))
                        .hasErrors())
                .isFalse();
        assertThat(validator.validate(jwt(Map.of("aud", "account"))).hasErrors())
                .isTrue();
        assertThat(validator.validate(jwt(Map.of())).hasErrors()).isTrue();
    }

    private static Jwt jwt(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("token")
                .header("alg", "RS256")
                .subject("subject-1")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60));
        claims.forEach(builder::claim);
        return builder.build();
    }
}
