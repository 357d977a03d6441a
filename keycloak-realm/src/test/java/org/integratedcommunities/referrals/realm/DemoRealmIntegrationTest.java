package org.integratedcommunities.referrals.realm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Proves the "icr" realm (keycloak-realm/realm/icr-realm.json) against a real Keycloak, started for example by
 * {@code infra/lib/keycloak.sh kc_ensure}. The base URL comes from the system property or environment variable
 * {@code ICR_KEYCLOAK_URL} (default {@code http://localhost:8180}). The test fails, never skips, when Keycloak is
 * not reachable.
 *
 * <p>Expectations come from {@code expected-demo-users.csv}, written independently of the realm JSON.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoRealmIntegrationTest {

    private static final String REALM = "icr";
    private static final String API_AUDIENCE = "icr-api";
    private static final String DEMO_PASSWORD = "demo-password";
    private static final Set<String> ICR_ROLES = Set.of(
            "caseworker",
            "agency_worker",
            "agency_manager",
            "safeguarding_lead",
            "partnership_coordinator",
            "auditor",
            "admin");
    private static final String WEB_REDIRECT_URI = "http://localhost:8080/login/oauth2/code/keycloak";
    /** Any valid S256 challenge (RFC 7636 appendix B). */
    private static final String SAMPLE_CODE_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private String baseUrl;
    private String issuer;

    @BeforeAll
    void keycloakServesTheRealm() {
        String configured = System.getProperty("ICR_KEYCLOAK_URL", System.getenv("ICR_KEYCLOAK_URL"));
        baseUrl = (configured == null || configured.isBlank()) ? "http://localhost:8180" : configured.strip();
        baseUrl = baseUrl.replaceAll("/+$", "");
        issuer = baseUrl + "/realms/" + REALM;
        String discovery = issuer + "/.well-known/openid-configuration";
        HttpResponse<String> response;
        try {
            response = http.send(
                    HttpRequest.newBuilder(URI.create(discovery))
                            .timeout(Duration.ofSeconds(10))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(
                    "Keycloak is not reachable at " + baseUrl + " (" + e + "). Start it first (source "
                            + "infra/lib/keycloak.sh and run kc_ensure) or point ICR_KEYCLOAK_URL at a Keycloak "
                            + "with realm '" + REALM + "' imported from keycloak-realm/realm/icr-realm.json.",
                    e);
        }
        assertThat(response.statusCode())
                .as("realm '%s' discovery document at %s (is the realm imported?)", REALM, discovery)
                .isEqualTo(200);
        assertThat(readJson(response.body()).path("issuer").asText())
                .as("issuer advertised by the discovery document")
                .isEqualTo(issuer);
    }

    @ParameterizedTest(name = "{0} logs in as {1} of {2} ({3})")
    @CsvFileSource(resources = "/expected-demo-users.csv", numLinesToSkip = 1)
    void demoUserLogsInAndTheAccessTokenCarriesRoleAgencyAndPartnership(
            String username, String role, String agencyId, String partnershipId) {
        assertThat(ICR_ROLES).as("role in the expectations file").contains(role);
        assertThat(agencyId).as("agency belongs to its partnership").startsWith(partnershipId + "-");

        JsonNode tokenResponse = okTokenResponse(passwordGrant("icr-dev-cli", username, DEMO_PASSWORD));
        JsonNode claims = payload(tokenResponse.path("access_token").asText());

        assertThat(claims.path("iss").asText()).as("iss").isEqualTo(issuer);
        assertThat(claims.path("azp").asText()).as("azp").isEqualTo("icr-dev-cli");
        assertThat(claims.path("preferred_username").asText()).isEqualTo(username);
        assertThat(audiences(claims)).as("aud of %s", username).contains(API_AUDIENCE);
        assertThat(icrRoles(claims)).as("ICR realm roles of %s", username).containsExactly(role);
        assertThat(stringClaim(claims, "agency_id"))
                .as("agency_id of %s", username)
                .isEqualTo(agencyId);
        assertThat(stringClaim(claims, "partnership_id"))
                .as("partnership_id of %s", username)
                .isEqualTo(partnershipId);
        assertThat(claims.path("email").asText()).isEqualTo(username + "@example.org");
    }

    @Test
    void idTokenAndUserInfoCarryTheMembershipClaimsToo() {
        JsonNode tokenResponse = okTokenResponse(post(
                tokenEndpoint(),
                form(
                        "grant_type", "password",
                        "client_id", "icr-dev-cli",
                        "username", "walsall-refugee-caseworker",
                        "password", DEMO_PASSWORD,
                        "scope", "openid")));
        JsonNode idToken = payload(tokenResponse.path("id_token").asText());
        assertThat(stringClaim(idToken, "agency_id")).isEqualTo("walsall-refugee-charity");
        assertThat(stringClaim(idToken, "partnership_id")).isEqualTo("walsall");

        HttpResponse<String> userInfo =
                send(HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/userinfo"))
                        .header(
                                "Authorization",
                                "Bearer " + tokenResponse.path("access_token").asText())
                        .GET());
        assertThat(userInfo.statusCode()).as("userinfo: %s", userInfo.body()).isEqualTo(200);
        JsonNode info = readJson(userInfo.body());
        assertThat(stringClaim(info, "agency_id")).isEqualTo("walsall-refugee-charity");
        assertThat(stringClaim(info, "partnership_id")).isEqualTo("walsall");
    }

    @Test
    void expectationsFileCoversEveryUserOfTheRealm() {
        String adminToken = adminToken();
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(URI.create(adminUrl("/users?first=0&max=10000&briefRepresentation=true")))
                        .header("Authorization", "Bearer " + adminToken)
                        .GET());
        assertThat(response.statusCode())
                .as("admin user list: %s", response.body())
                .isEqualTo(200);
        Set<String> realmUsers = new TreeSet<>();
        readJson(response.body())
                .forEach(user -> realmUsers.add(user.path("username").asText()));

        Set<String> expectedUsers = new TreeSet<>(expectedUsers().keySet());
        assertThat(expectedUsers).as("expectations file").hasSize(38);
        assertThat(realmUsers)
                .as("users of realm '%s' (every user needs a line in expected-demo-users.csv)", REALM)
                .containsExactlyInAnyOrderElementsOf(expectedUsers);

        HttpResponse<String> count = send(HttpRequest.newBuilder(URI.create(adminUrl("/users/count")))
                .header("Authorization", "Bearer " + adminToken)
                .GET());
        assertThat(count.body().strip()).as("admin user count").isEqualTo(String.valueOf(expectedUsers.size()));
    }

    @Test
    void membershipAttributesAreDeclaredInTheUserProfileAndEditableThroughTheAdminApi() {
        String adminToken = adminToken();

        JsonNode profile = readJson(adminGet(adminToken, "/users/profile").body());
        Map<String, JsonNode> declared = new LinkedHashMap<>();
        profile.path("attributes")
                .forEach(attribute -> declared.put(attribute.path("name").asText(), attribute));
        assertThat(declared).containsKeys("username", "email", "firstName", "lastName", "agency_id", "partnership_id");
        for (String name : List.of("agency_id", "partnership_id")) {
            JsonNode permissions = declared.get(name).path("permissions");
            assertThat(texts(permissions.path("edit")))
                    .as("%s editable by", name)
                    .containsExactly("admin");
            assertThat(texts(permissions.path("view")))
                    .as("%s viewable by", name)
                    .containsExactly("admin");
        }

        String username = "walsall-esol-worker";
        JsonNode found = readJson(adminGet(adminToken, "/users?exact=true&username=" + username)
                        .body())
                .path(0);
        String userPath = "/users/" + found.path("id").asText();
        ObjectNode original =
                (ObjectNode) readJson(adminGet(adminToken, userPath).body());
        assertThat(texts(original.path("attributes").path("agency_id"))).containsExactly("walsall-esol");

        ObjectNode changed = original.deepCopy();
        ObjectNode attributes = (ObjectNode) changed.path("attributes");
        attributes.set("agency_id", json.createArrayNode().add("walsall-jobcentre"));
        attributes.set("partnership_id", json.createArrayNode().add("walsall"));
        // Control: an undeclared attribute is silently dropped, which is why the declaration matters.
        attributes.set("icr_undeclared_probe", json.createArrayNode().add("dropped"));
        try {
            assertThat(adminPut(adminToken, userPath, changed).statusCode())
                    .as("update user")
                    .isEqualTo(204);
            JsonNode readBack = readJson(adminGet(adminToken, userPath).body()).path("attributes");
            assertThat(texts(readBack.path("agency_id")))
                    .as("agency_id read back after the update")
                    .containsExactly("walsall-jobcentre");
            assertThat(texts(readBack.path("partnership_id"))).containsExactly("walsall");
            assertThat(readBack.has("icr_undeclared_probe"))
                    .as("undeclared attribute dropped by the admin API")
                    .isFalse();

            JsonNode claims = payload(okTokenResponse(passwordGrant("icr-dev-cli", username, DEMO_PASSWORD))
                    .path("access_token")
                    .asText());
            assertThat(stringClaim(claims, "agency_id"))
                    .as("token after the update")
                    .isEqualTo("walsall-jobcentre");
        } finally {
            assertThat(adminPut(adminToken, userPath, original).statusCode())
                    .as("restore user")
                    .isEqualTo(204);
        }
        JsonNode restored = readJson(adminGet(adminToken, userPath).body()).path("attributes");
        assertThat(texts(restored.path("agency_id"))).as("restored").containsExactly("walsall-esol");
        assertThat(texts(restored.path("partnership_id"))).as("restored").containsExactly("walsall");
    }

    @Test
    void partnerApiClientCredentialsTokenCarriesHardcodedMembershipRoleAndAudience() {
        JsonNode tokenResponse = okTokenResponse(post(
                tokenEndpoint(),
                form(
                        "grant_type", "client_credentials",
                        "client_id", "icr-partner-api",
                        "client_secret", "icr-partner-api-dev-secret")));
        JsonNode claims = payload(tokenResponse.path("access_token").asText());
        assertThat(claims.path("iss").asText()).isEqualTo(issuer);
        assertThat(claims.path("azp").asText()).isEqualTo("icr-partner-api");
        assertThat(audiences(claims)).contains(API_AUDIENCE);
        assertThat(icrRoles(claims)).containsExactly("agency_worker");
        assertThat(stringClaim(claims, "agency_id")).isEqualTo("bradford-jobcentre");
        assertThat(stringClaim(claims, "partnership_id")).isEqualTo("bradford");
    }

    @Test
    void partnerApiRefusesAWrongSecret() {
        HttpResponse<String> response = post(
                tokenEndpoint(),
                form(
                        "grant_type", "client_credentials",
                        "client_id", "icr-partner-api",
                        "client_secret", "not-the-secret"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(readJson(response.body()).path("error").asText()).isEqualTo("unauthorized_client");
    }

    @Test
    void foreignClientTokensDoNotCarryTheApiAudience() {
        JsonNode claims =
                payload(okTokenResponse(passwordGrant("icr-dev-foreign", "bradford-esol-worker", DEMO_PASSWORD))
                        .path("access_token")
                        .asText());
        assertThat(claims.path("iss").asText()).isEqualTo(issuer);
        assertThat(claims.path("azp").asText()).isEqualTo("icr-dev-foreign");
        assertThat(audiences(claims)).as("aud of an icr-dev-foreign token").doesNotContain(API_AUDIENCE);
        // Otherwise a perfectly good token: only the audience is wrong.
        assertThat(stringClaim(claims, "agency_id")).isEqualTo("bradford-esol");
        assertThat(icrRoles(claims)).containsExactly("agency_worker");
    }

    @Test
    void expiringClientTokensLiveAtMostFiveSeconds() {
        JsonNode tokenResponse =
                okTokenResponse(passwordGrant("icr-dev-expiring", "bradford-esol-worker", DEMO_PASSWORD));
        assertThat(tokenResponse.path("expires_in").asLong()).isBetween(1L, 5L);
        JsonNode claims = payload(tokenResponse.path("access_token").asText());
        long lifetime = claims.path("exp").asLong() - claims.path("iat").asLong();
        assertThat(lifetime).as("exp - iat").isBetween(1L, 5L);
        assertThat(audiences(claims)).contains(API_AUDIENCE);
    }

    @Test
    void webClientRequiresPkceWithS256() {
        HttpResponse<String> withoutChallenge = send(
                HttpRequest.newBuilder(URI.create(authorizationUrl(Map.of()))).GET());
        assertThat(withoutChallenge.statusCode())
                .as("authorization request without PKCE")
                .isEqualTo(302);
        String location = withoutChallenge.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(WEB_REDIRECT_URI + "?");
        Map<String, String> error = query(location);
        assertThat(error)
                .containsEntry("error", "invalid_request")
                .containsEntry("error_description", "Missing parameter: code_challenge_method")
                .containsEntry("state", "pkce-check")
                .containsEntry("iss", issuer)
                .doesNotContainKey("code");

        HttpResponse<String> plainMethod = send(HttpRequest.newBuilder(URI.create(authorizationUrl(
                        Map.of("code_challenge", SAMPLE_CODE_CHALLENGE, "code_challenge_method", "plain"))))
                .GET());
        assertThat(plainMethod.statusCode()).as("PKCE with method plain").isEqualTo(302);
        assertThat(query(plainMethod.headers().firstValue("Location").orElseThrow()))
                .containsEntry("error", "invalid_request")
                .doesNotContainKey("code");

        // Control: the same request with an S256 challenge reaches the login page.
        HttpResponse<String> s256 = send(HttpRequest.newBuilder(URI.create(authorizationUrl(
                        Map.of("code_challenge", SAMPLE_CODE_CHALLENGE, "code_challenge_method", "S256"))))
                .GET());
        assertThat(s256.statusCode()).as("authorization request with PKCE S256").isEqualTo(200);
        assertThat(s256.body()).contains("kc-form-login");
    }

    @Test
    void webClientAcceptsTheLoopbackAddressOnAnyPortButNoOtherHost() {
        // RFC 8252 section 7.3: a registered http://127.0.0.1 redirect matches any port. The end-to-end tests rely on
        // it to sign in to a query side started on a free port.
        Map<String, String> pkce = Map.of("code_challenge", SAMPLE_CODE_CHALLENGE, "code_challenge_method", "S256");
        for (String allowed : List.of(
                "http://127.0.0.1:34567/login/oauth2/code/keycloak",
                "http://127.0.0.1:8080/login/oauth2/code/keycloak")) {
            HttpResponse<String> loginPage =
                    send(HttpRequest.newBuilder(URI.create(authorizationUrl(withRedirect(pkce, allowed))))
                            .GET());
            assertThat(loginPage.statusCode()).as(allowed).isEqualTo(200);
            assertThat(loginPage.body()).contains("kc-form-login");
        }
        for (String refused : List.of(
                "http://localhost:34567/login/oauth2/code/keycloak",
                "http://127.0.0.2:8080/login/oauth2/code/keycloak")) {
            HttpResponse<String> errorPage =
                    send(HttpRequest.newBuilder(URI.create(authorizationUrl(withRedirect(pkce, refused))))
                            .GET());
            assertThat(errorPage.statusCode()).as(refused).isEqualTo(400);
            assertThat(errorPage.body()).contains("Invalid parameter: redirect_uri");
        }
    }

    private static Map<String, String> withRedirect(Map<String, String> params, String redirectUri) {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("redirect_uri", redirectUri);
        return all;
    }

    @Test
    void wrongPasswordIsRefused() {
        String username = "walsall-jobcentre-caseworker";
        HttpResponse<String> response = passwordGrant("icr-dev-cli", username, "not-the-password");
        // Keycloak 26 answers 400 (RFC 6749 section 5.2), not 401.
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = readJson(response.body());
        assertThat(error.path("error").asText()).isEqualTo("invalid_grant");
        assertThat(error.path("error_description").asText()).isEqualTo("Invalid user credentials");
        assertThat(error.has("access_token")).isFalse();

        // Brute-force detection counted the failure. Cleared here, so that the account is usable at once: Keycloak
        // may record one failure twice on a busy machine and then apply its one-minute "quick login" lock-out.
        String adminToken = adminToken();
        String userId = readJson(adminGet(adminToken, "/users?exact=true&username=" + username)
                        .body())
                .path(0)
                .path("id")
                .asText();
        String failures = "/attack-detection/brute-force/users/" + userId;
        assertThat(readJson(adminGet(adminToken, failures).body())
                        .path("numFailures")
                        .asInt())
                .as("failures counted by brute-force detection")
                .isPositive();
        assertThat(send(HttpRequest.newBuilder(URI.create(adminUrl(failures)))
                                .header("Authorization", "Bearer " + adminToken)
                                .DELETE())
                        .statusCode())
                .isEqualTo(204);
        // The account itself is fine.
        okTokenResponse(passwordGrant("icr-dev-cli", username, DEMO_PASSWORD));
    }

    @Test
    void clientsOnlyAllowTheirOwnGrants() {
        HttpResponse<String> webPassword = post(
                tokenEndpoint(),
                form(
                        "grant_type", "password",
                        "client_id", "icr-web",
                        "client_secret", "icr-web-dev-secret",
                        "username", "bradford-admin",
                        "password", DEMO_PASSWORD));
        assertThat(webPassword.statusCode()).as(webPassword.body()).isEqualTo(400);
        assertThat(readJson(webPassword.body()).path("error").asText()).isEqualTo("unauthorized_client");

        HttpResponse<String> partnerPassword = post(
                tokenEndpoint(),
                form(
                        "grant_type", "password",
                        "client_id", "icr-partner-api",
                        "client_secret", "icr-partner-api-dev-secret",
                        "username", "bradford-admin",
                        "password", DEMO_PASSWORD));
        assertThat(partnerPassword.statusCode()).as(partnerPassword.body()).isEqualTo(400);
        assertThat(readJson(partnerPassword.body()).path("error").asText()).isEqualTo("unauthorized_client");

        HttpResponse<String> cliServiceAccount =
                post(tokenEndpoint(), form("grant_type", "client_credentials", "client_id", "icr-dev-cli"));
        assertThat(cliServiceAccount.statusCode()).as(cliServiceAccount.body()).isEqualTo(401);
        assertThat(readJson(cliServiceAccount.body()).path("error").asText()).isEqualTo("unauthorized_client");

        HttpResponse<String> apiPassword = passwordGrant("icr-api", "bradford-admin", DEMO_PASSWORD);
        assertThat(apiPassword.statusCode()).as(apiPassword.body()).isEqualTo(401);
        assertThat(readJson(apiPassword.body()).path("error").asText()).isEqualTo("unauthorized_client");
    }

    // ---------------------------------------------------------------- helpers

    private Map<String, String[]> expectedUsers() {
        Map<String, String[]> users = new LinkedHashMap<>();
        try (InputStream in = getClass().getResourceAsStream("/expected-demo-users.csv")) {
            assertThat(in).as("expected-demo-users.csv on the test classpath").isNotNull();
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty())
                    .collect(Collectors.toList());
            assertThat(lines.get(0)).isEqualTo("username,role,agency_id,partnership_id");
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.split(",", -1);
                assertThat(fields).as("CSV line '%s'", line).hasSize(4);
                assertThat(users.put(fields[0], fields))
                        .as("duplicate user %s", fields[0])
                        .isNull();
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read expected-demo-users.csv", e);
        }
        return users;
    }

    private String tokenEndpoint() {
        return issuer + "/protocol/openid-connect/token";
    }

    private String adminUrl(String path) {
        return baseUrl + "/admin/realms/" + REALM + path;
    }

    private String authorizationUrl(Map<String, String> extra) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", "icr-web");
        params.put("response_type", "code");
        params.put("redirect_uri", WEB_REDIRECT_URI);
        params.put("scope", "openid");
        params.put("state", "pkce-check");
        params.put("nonce", "pkce-check-nonce");
        params.putAll(extra);
        return issuer + "/protocol/openid-connect/auth?" + encode(params);
    }

    /** The master realm's bootstrap admin (admin/admin, local development only). */
    private String adminToken() {
        HttpResponse<String> response = post(
                baseUrl + "/realms/master/protocol/openid-connect/token",
                form(
                        "grant_type", "password",
                        "client_id", "admin-cli",
                        "username", "admin",
                        "password", "admin"));
        return okTokenResponse(response).path("access_token").asText();
    }

    private HttpResponse<String> adminGet(String token, String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(adminUrl(path)))
                .header("Authorization", "Bearer " + token)
                .GET());
        assertThat(response.statusCode())
                .as("GET %s: %s", path, response.body())
                .isEqualTo(200);
        return response;
    }

    private HttpResponse<String> adminPut(String token, String path, JsonNode body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(adminUrl(path)))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private HttpResponse<String> passwordGrant(String clientId, String username, String password) {
        return post(
                tokenEndpoint(),
                form(
                        "grant_type", "password",
                        "client_id", clientId,
                        "username", username,
                        "password", password));
    }

    private JsonNode okTokenResponse(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            fail("token request to " + response.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode body = readJson(response.body());
        assertThat(body.path("access_token").asText()).as("access_token").isNotEmpty();
        return body;
    }

    private HttpResponse<String> post(String url, String formBody) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("request to Keycloak at " + baseUrl + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String form(String... keysAndValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            params.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return encode(params);
    }

    private static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(String url) {
        String query = URI.create(url).getRawQuery();
        Map<String, String> params = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                params.put(
                        URLDecoder.decode(key, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private JsonNode payload(String jwt) {
        String[] parts = jwt.split("\\.");
        assertThat(parts).as("JWT parts").hasSize(3);
        return readJson(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    private JsonNode readJson(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** {@code aud} is a string when there is one audience and an array otherwise. */
    private static List<String> audiences(JsonNode claims) {
        JsonNode aud = claims.path("aud");
        if (aud.isTextual()) {
            return List.of(aud.asText());
        }
        return texts(aud);
    }

    private static List<String> icrRoles(JsonNode claims) {
        return texts(claims.path("realm_access").path("roles")).stream()
                .filter(ICR_ROLES::contains)
                .collect(Collectors.toList());
    }

    private static String stringClaim(JsonNode claims, String name) {
        JsonNode claim = claims.path(name);
        assertThat(claim.isTextual())
                .as("claim %s is a top-level string in %s", name, claims)
                .isTrue();
        return claim.asText();
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array instanceof ArrayNode) {
            array.forEach(value -> values.add(value.asText()));
        }
        return values;
    }
}
