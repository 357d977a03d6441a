package org.integratedcommunities.referrals.webapi;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * A bearer token's signature checked once, not on every request: a client sends the same access token with every
 * call until it expires, and parsing it and verifying its signature again each time was a tenth of a request's work
 * in both services (docs/performance.md).
 *
 * <p>Only a token that the full decoder accepted is kept, keyed by its exact text (signature included), so a token
 * that differs in any byte is decoded and verified afresh. On every use the kept token is validated again by the same
 * validator as on its first use (expiry and not-before with the same clock skew, issuer, audience): an expired token
 * is refused exactly as without the cache, and dropped. What is skipped is verifying again the signature of text
 * already verified. The cache is bounded (entries and age), so it holds the tokens of the users active now.
 */
final class VerifiedTokenCache implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder decoder;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified;

    /**
     * @param decoder the full decoder: parses, verifies the signature against the realm's keys, then validates with
     *     {@code validator}
     * @param validator the decoder's own validator, applied again to a kept token on each use
     * @param maximumTokens how many verified tokens are kept at most (the least recently used go first)
     * @param maximumAge how long a token is kept at most after its verification, whatever its own expiry
     */
    VerifiedTokenCache(
            ReactiveJwtDecoder decoder, OAuth2TokenValidator<Jwt> validator, long maximumTokens, Duration maximumAge) {
        this.decoder = decoder;
        this.validator = validator;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maximumTokens)
                .expireAfterWrite(maximumAge)
                .build();
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt kept = verified.getIfPresent(token);
        if (kept == null) {
            return decoder.decode(token).doOnNext(jwt -> verified.put(token, jwt));
        }
        OAuth2TokenValidatorResult result = validator.validate(kept);
        if (result.hasErrors()) {
            verified.invalidate(token);
            // As the decoder reports a token its validator refuses.
            return Mono.error(new JwtValidationException(
                    "An error occurred while attempting to decode the Jwt: "
                            + result.getErrors().iterator().next().getDescription(),
                    result.getErrors()));
        }
        return Mono.just(kept);
    }
}
