package org.integratedcommunities.referrals.webapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

class VerifiedTokenCacheTest {

    private static final String ISSUER = "https://keycloak.example/realms/icr";
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private static RSAKey realmKey;
    private static RSAKey otherKey;

    private final JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ZERO);
    private final OAuth2TokenValidator<Jwt> validator =
            new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(ISSUER));
    private final AtomicInteger fullDecodes = new AtomicInteger();
    private VerifiedTokenCache cache;

    @BeforeAll
    static void keys() throws Exception {
        realmKey = new RSAKeyGenerator(2048).keyID("realm").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("realm").generate();
    }

    @BeforeEach
    void cache() throws Exception {
        timestamps.setClock(Clock.fixed(NOW, ZoneOffset.UTC));
        NimbusReactiveJwtDecoder nimbus = NimbusReactiveJwtDecoder.withPublicKey(realmKey.toRSAPublicKey())
                .build();
        nimbus.setJwtValidator(validator);
        ReactiveJwtDecoder counting = token -> {
            fullDecodes.incrementAndGet();
            return nimbus.decode(token);
        };
        cache = new VerifiedTokenCache(counting, validator, 100, Duration.ofMinutes(5));
    }

    @Test
    void aTokenIsVerifiedOnceThenServedFromTheCacheWhileValid() throws Exception {
        String token = token(realmKey, ISSUER, NOW.plusSeconds(300));

        Jwt first = cache.decode(token).block();
        Jwt second = cache.decode(token).block();

        assertThat(second).isSameAs(first);
        assertThat(second.getSubject()).isEqualTo("worker-1");
        assertThat(fullDecodes).hasValue(1);
    }

    @Test
    void aKeptTokenIsRefusedOnceItExpiresAsWithoutTheCache() throws Exception {
        String token = token(realmKey, ISSUER, NOW.plusSeconds(300));
        cache.decode(token).block();

        timestamps.setClock(Clock.fixed(NOW.plusSeconds(301), ZoneOffset.UTC));

        assertThatThrownBy(() -> cache.decode(token).block())
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
        // Dropped: the next use goes through the full decoder again, which refuses it as well.
        assertThatThrownBy(() -> cache.decode(token).block()).isInstanceOf(JwtValidationException.class);
        assertThat(fullDecodes).hasValue(2);
    }

    @Test
    void aTokenTheDecoderRefusesIsNeverKept() throws Exception {
        String forged = token(otherKey, ISSUER, NOW.plusSeconds(300));

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> cache.decode(forged).block())
                    .isInstanceOf(BadJwtException.class)
                    .hasRootCauseInstanceOf(BadJWSException.class);
        }
        assertThat(fullDecodes).hasValue(2);
    }

    @Test
    void aTokenDifferingInAnyByteIsVerifiedAfresh() throws Exception {
        String token = token(realmKey, ISSUER, NOW.plusSeconds(300));
        cache.decode(token).block();
        String[] parts = token.split("\\.");
        String otherIssuer = token(realmKey, "https://elsewhere.example/realms/icr", NOW.plusSeconds(300));
        // The kept token's header and signature around another token's claims.
        String spliced = parts[0] + "." + otherIssuer.split("\\.")[1] + "." + parts[2];

        assertThatThrownBy(() -> cache.decode(spliced).block())
                .isInstanceOf(BadJwtException.class)
                .hasRootCauseInstanceOf(BadJWSException.class);
        assertThat(fullDecodes).hasValue(2);
    }

    private static String token(RSAKey key, String issuer, Instant expiresAt) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder()
                        .subject("worker-1")
                        .issuer(issuer)
                        .issueTime(Date.from(NOW))
                        .expirationTime(Date.from(expiresAt))
                        .build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
