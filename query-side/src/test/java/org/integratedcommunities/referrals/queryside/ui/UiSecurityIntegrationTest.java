package org.integratedcommunities.referrals.queryside.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;

import java.net.URI;
import java.util.EnumSet;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.identity.UserId;
import org.integratedcommunities.referrals.testsupport.ActorClients;
import org.integratedcommunities.referrals.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The web UI's own security chain beside the API's, as far as it runs without Keycloak: pages send anonymous users to
 * sign in, the sign-in request is authorization code with PKCE S256 for the realm's web client, forms need their CSRF
 * token, every answer carries the secure headers, roles pick the home page and refuse pages with the 403 page, the
 * assets are served from the WebJar, and the API still answers bearer-token problems as problem+json.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class UiSecurityIntegrationTest {

    private static final TestDatabase database = TestDatabase.create("ui_security");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Flyway.configure()
                .dataSource(database.url(), TestDatabase.user(), TestDatabase.password())
                .schemas("event_store")
                .defaultSchema("event_store")
                .locations("classpath:db/eventstore", "classpath:db/personaldata")
                .load()
                .migrate();
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", TestDatabase::user);
        registry.add("spring.datasource.password", TestDatabase::password);
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Autowired
    ApplicationContext context;

    @Test
    void theStartPageIsOpenAndCarriesTheSecureHeadersAndNoInlineScript() {
        String body = anonymous()
                .get()
                .uri("/")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .value(
                        "Content-Security-Policy",
                        csp -> assertThat(csp)
                                .contains("default-src 'self'")
                                .contains("script-src 'self';")
                                .contains("img-src 'self' data:")
                                .contains("frame-ancestors 'none'")
                                .contains("form-action 'self' http://localhost:8180")
                                .doesNotContain("unsafe-inline"))
                .expectHeader()
                .valueEquals("X-Frame-Options", "DENY")
                .expectHeader()
                .valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader()
                .valueEquals("Referrer-Policy", "same-origin")
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(body)
                .contains("Integrated Communities Referrals")
                .contains("href=\"/oauth2/authorization/keycloak\"")
                .contains("<script type=\"module\" src=\"/app/init.js\"></script>");
        assertThat(body.split("<script").length - 1)
                .as("the one script, from a file")
                .isEqualTo(1);
    }

    @Test
    void pagesSendAnonymousUsersToSignInWithPkce() {
        anonymous()
                .get()
                .uri("/inbox")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isFound()
                .expectHeader()
                .location("/oauth2/authorization/keycloak");
        URI authorization = anonymous()
                .get()
                .uri("/oauth2/authorization/keycloak")
                .exchange()
                .expectStatus()
                .isFound()
                .returnResult(Void.class)
                .getResponseHeaders()
                .getLocation();
        assertThat(authorization.toString())
                .startsWith("http://localhost:8180/realms/icr/protocol/openid-connect/auth?");
        MultiValueMap<String, String> query =
                UriComponentsBuilder.fromUri(authorization).build().getQueryParams();
        assertThat(query.getFirst("client_id")).isEqualTo("icr-web");
        assertThat(query.getFirst("response_type")).isEqualTo("code");
        assertThat(query.getFirst("code_challenge_method")).isEqualTo("S256");
        assertThat(query.getFirst("code_challenge")).isNotBlank();
        assertThat(query.getFirst("scope")).contains("openid");
        assertThat(query.getFirst("redirect_uri")).endsWith("/login/oauth2/code/keycloak");
    }

    @Test
    void signingOutNeedsTheFormsCsrfToken() {
        ActorClients.webTestClient(context, actor(Role.CASEWORKER))
                .post()
                .uri("/logout")
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void eachRoleStartsOnItsOwnPage() {
        assertHome(actor(Role.CASEWORKER), "/outbox");
        assertHome(actor(Role.AGENCY_WORKER), "/inbox");
        assertHome(actor(Role.SAFEGUARDING_LEAD), "/inbox");
        assertHome(actor(Role.PARTNERSHIP_COORDINATOR), "/escalations");
    }

    @Test
    void aRoleWithoutAccessGetsThe403Page() {
        String body = ActorClients.webTestClient(context, actor(Role.PARTNERSHIP_COORDINATOR))
                .get()
                .uri("/inbox")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(body).contains("You cannot see this page").doesNotContain("Exception");
    }

    @Test
    void theCoordinatorHasTheEscalationsAndNoCasesAndACaseworkerNoEscalations() {
        String escalations = page(actor(Role.PARTNERSHIP_COORDINATOR), "/escalations", HttpStatus.OK);
        assertThat(escalations)
                .contains("<h1 class=\"govuk-heading-l\">Escalations</h1>")
                .contains("There are no escalations to show.")
                .contains("href=\"/escalations\"")
                .doesNotContain("href=\"/inbox\"");
        assertThat(page(actor(Role.AGENCY_MANAGER), "/escalations?state=all", HttpStatus.OK))
                .contains("There are no escalations to show.");
        assertThat(page(actor(Role.PARTNERSHIP_COORDINATOR), "/cases", HttpStatus.FORBIDDEN))
                .contains("You cannot see this page");
        assertThat(page(actor(Role.CASEWORKER), "/escalations", HttpStatus.FORBIDDEN))
                .contains("You cannot see this page");
        assertThat(page(actor(Role.CASEWORKER), "/cases", HttpStatus.OK)).contains("Your agency holds no cases.");
        assertThat(page(actor(Role.CASEWORKER), "/cases/" + UUID.randomUUID(), HttpStatus.NOT_FOUND))
                .contains("Page not found");
    }

    private String page(Actor actor, String path, HttpStatus status) {
        return ActorClients.webTestClient(context, actor)
                .get()
                .uri(path)
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    @Test
    void anUnknownPageIsThe404Page() {
        String body = ActorClients.webTestClient(context, actor(Role.CASEWORKER))
                .get()
                .uri("/no-such-page")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(body).contains("Page not found").doesNotContain("trace");
    }

    @Test
    void govukFrontendIsServedFromTheWebJar() {
        anonymous()
                .get()
                .uri("/assets/govuk-frontend.min.css")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith("text/css");
        anonymous()
                .get()
                .uri("/assets/govuk-frontend.min.js")
                .exchange()
                .expectStatus()
                .isOk();
        anonymous()
                .get()
                .uri("/assets/fonts/bold-b542beb274-v2.woff2")
                .exchange()
                .expectStatus()
                .isOk();
        anonymous().get().uri("/app/init.js").exchange().expectStatus().isOk();
    }

    @Test
    void theApiStillAnswersWithoutATokenAsProblemJson() {
        anonymous()
                .get()
                .uri("/api/referrals")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .doesNotExist(HttpHeaders.SET_COOKIE);
    }

    private void assertHome(Actor actor, String home) {
        ActorClients.webTestClient(context, actor)
                .get()
                .uri("/")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.SEE_OTHER)
                .expectHeader()
                .location(home);
    }

    private WebTestClient anonymous() {
        return WebTestClient.bindToApplicationContext(context)
                .apply(springSecurity())
                .configureClient()
                .build();
    }

    private static Actor actor(Role role) {
        return new Actor(
                new UserId(UUID.randomUUID().toString()),
                new AgencyId("bradford-esol"),
                new PartnershipId("bradford"),
                EnumSet.of(role));
    }
}
