package org.integratedcommunities.referrals.queryside.ui;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the web UI signs users in: the realm's confidential web client. The realm itself (issuer, signing keys) is the
 * API's, {@code icr.security}, so the UI and the APIs trust exactly the same tokens.
 *
 * @param clientId the OIDC client of the web UI
 * @param clientSecret its secret; the default is the demo realm's, for local development only
 */
@ConfigurationProperties("icr.ui")
public record UiProperties(String clientId, String clientSecret) {

    public UiProperties {
        if (clientId == null || clientId.isBlank()) {
            clientId = "icr-web";
        }
        if (clientSecret == null || clientSecret.isBlank()) {
            throw new IllegalArgumentException("icr.ui.client-secret must be set");
        }
    }
}
