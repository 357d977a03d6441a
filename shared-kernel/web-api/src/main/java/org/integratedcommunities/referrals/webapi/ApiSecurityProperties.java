package org.integratedcommunities.referrals.webapi;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where bearer tokens come from and what they must say.
 *
 * @param issuerUri the realm's issuer; tokens with any other {@code iss} are refused
 * @param jwkSetUri where the signing keys are fetched; defaults to the issuer's Keycloak certs endpoint, and may differ
 *     from it when the services reach Keycloak by another host name than browsers do
 * @param audience the audience every accepted token must name
 * @param clockSkew tolerance for clock differences when checking expiry
 */
@ConfigurationProperties("icr.security")
public record ApiSecurityProperties(URI issuerUri, URI jwkSetUri, String audience, Duration clockSkew) {

    public ApiSecurityProperties {
        if (issuerUri == null) {
            throw new IllegalArgumentException("icr.security.issuer-uri must be set");
        }
        if (jwkSetUri == null || jwkSetUri.toString().isBlank()) {
            jwkSetUri = URI.create(issuerUri.toString().replaceAll("/$", "") + "/protocol/openid-connect/certs");
        }
        if (audience == null || audience.isBlank()) {
            audience = "icr-api";
        }
        if (clockSkew == null) {
            clockSkew = Duration.ofSeconds(30);
        }
    }
}
