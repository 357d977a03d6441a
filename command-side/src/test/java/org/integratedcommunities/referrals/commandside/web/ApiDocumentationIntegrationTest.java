package org.integratedcommunities.referrals.commandside.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.integratedcommunities.referrals.testsupport.ApiRoutes;
import org.integratedcommunities.referrals.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * The command API's OpenAPI document, served by the running application without signing in, is true: it lists every
 * route the application has under {@code /api/} with its method, and nothing else. A new endpoint left out of the
 * document, or a documented one that no longer exists, fails here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiDocumentationIntegrationTest {

    private static final TestDatabase database = TestDatabase.create("commandapidocs");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", TestDatabase::user);
        registry.add("spring.datasource.password", TestDatabase::password);
    }

    /**
     * Stops the event processors before their database goes, so that they do not keep knocking at a dropped database
     * until the JVM's exit (and hold the exit up).
     */
    @AfterAll
    void stopProcessorsThenDropTheDatabase() {
        try {
            context.getBean(EventProcessingConfiguration.class)
                    .eventProcessors()
                    .values()
                    .forEach(EventProcessor::shutDown);
        } finally {
            database.close();
        }
    }

    @Autowired
    WebTestClient web;

    @Autowired
    ApplicationContext context;

    @Autowired
    ObjectMapper json;

    @Test
    void theDocumentListsEveryRouteOfTheApiWithItsMethodAndNothingElse() throws Exception {
        Set<String> documented = ApiRoutes.names(ApiRoutes.documented(apiDocs()));
        Set<String> real = apiRoutes(context);

        assertThat(real).as("the application's routes under /api/").isNotEmpty();
        assertThat(missing(real, documented))
                .as("routes the application has but the document does not list")
                .isEmpty();
        assertThat(missing(documented, real))
                .as("routes the document lists but the application does not have")
                .isEmpty();
    }

    @Test
    void everyOperationNeedsTheRealmsBearerTokenAndAnswersFailuresAsProblemJson() throws Exception {
        JsonNode docs = apiDocs();
        assertThat(docs.at("/info/title").asText()).contains("command API");
        assertThat(docs.at("/info/version").asText()).isNotBlank();
        JsonNode scheme = docs.at("/components/securitySchemes/bearer-token");
        assertThat(scheme.path("type").asText()).isEqualTo("http");
        assertThat(scheme.path("scheme").asText()).isEqualTo("bearer");
        assertThat(scheme.path("description").asText()).contains("http://localhost:8180/realms/icr");
        assertThat(docs.at("/security/0").has("bearer-token")).isTrue();
        assertThat(docs.at("/components/schemas/Problem/properties").has("detail"))
                .isTrue();
        for (ApiRoutes.Route route : ApiRoutes.documented(docs)) {
            JsonNode responses = route.operation().path("responses");
            boolean command = route.method().equals("POST") || route.method().equals("PUT");
            for (String status : command ? Set.of("401", "403", "409", "422") : Set.of("401", "403")) {
                assertThat(responses.at("/" + status + "/content").has("application/problem+json"))
                        .as(route + " documents " + status + " as problem+json")
                        .isTrue();
            }
            if (!route.pathVariables().isEmpty()) {
                assertThat(responses.at("/404/content").has("application/problem+json"))
                        .as(route + " documents 404")
                        .isTrue();
            }
        }
    }

    @Test
    void theBrowsableDocumentIsServedWithoutSigningIn() {
        String location = web.get()
                .uri("/swagger-ui.html")
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .returnResult(Void.class)
                .getResponseHeaders()
                .getLocation()
                .toString();
        web.get()
                .uri(location)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML);
    }

    private JsonNode apiDocs() throws Exception {
        byte[] body = web.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        // Kept for people to read: the document exactly as this build serves it.
        Path copy = Path.of("target", "openapi", "command-api.json");
        Files.createDirectories(copy.getParent());
        Files.write(copy, body);
        return json.readTree(body);
    }

    /** Every method and path the application's request mappings route under {@code /api/}, named as in the document. */
    static Set<String> apiRoutes(ApplicationContext context) {
        Set<String> routes = new TreeSet<>();
        context.getBeansOfType(RequestMappingHandlerMapping.class)
                .values()
                .forEach(mapping -> mapping.getHandlerMethods().forEach((info, handler) -> {
                    var methods = info.getMethodsCondition().getMethods();
                    info.getPatternsCondition().getPatterns().forEach(pattern -> {
                        String path = pattern.getPatternString();
                        if (!path.startsWith("/api/")) {
                            return;
                        }
                        assertThat(methods)
                                .as(path + " in " + handler + " must name its HTTP method")
                                .isNotEmpty();
                        methods.forEach(method -> routes.add(ApiRoutes.name(method.name(), path)));
                    });
                }));
        return routes;
    }

    private static Set<String> missing(Set<String> from, Set<String> in) {
        Set<String> missing = new TreeSet<>(from);
        missing.removeAll(in);
        return missing;
    }
}
