package org.integratedcommunities.referrals.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Real access tokens from the real Keycloak started from {@code keycloak-realm/} (by {@code infra/test}, or already
 * running). Its address comes from {@code ICR_KEYCLOAK_URL}, else http://localhost:8180. If Keycloak is not there the
 * test fails and says so: a test that needs the identity provider never passes without it.
 */
public final class KeycloakTokens {

    public static final String REALM = "icr";
    public static final String DEMO_PASSWORD = "demo-password";

    private final URI baseUri;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    public KeycloakTokens() {
        String configured = System.getenv("ICR_KEYCLOAK_URL");
        this.baseUri = URI.create(configured == null || configured.isBlank() ? "http://localhost:8180" : configured);
    }

    public URI baseUri() {
        return baseUri;
    }

    public String issuer() {
        return baseUri.toString().replaceAll("/$", "") + "/realms/" + REALM;
    }

    /** An access token for a demo user, through the development client with direct access grants. */
    public String accessToken(String username) {
        return passwordGrant("icr-dev-cli", username, DEMO_PASSWORD);
    }

    /** The full token response of a resource-owner password grant through the given public client. */
    public String passwordGrant(String clientId, String username, String password) {
        JsonNode response = tokenRequest(Map.of(
                "grant_type", "password",
                "client_id", clientId,
                "username", username,
                "password", password,
                "scope", "openid"));
        return response.get("access_token").asText();
    }

    public JsonNode tokenRequest(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused the token request for " + form.get("username")
                        + " via " + form.get("client_id") + ": " + response.statusCode() + " " + response.body());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Keycloak is not reachable at " + baseUri + " (start it with infra/test or infra/run): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The claims of a token, read without verifying it: for assertions about what Keycloak put in. */
    public JsonNode claims(String token) {
        String[] parts = token.split("\\.");
        try {
            return json.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JWT", e);
        }
    }
}
