package org.integratedcommunities.referrals.commandside.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.integratedcommunities.referrals.testsupport.ApiDocumentationChecks;
import org.integratedcommunities.referrals.testsupport.ApiRoutes;
import org.integratedcommunities.referrals.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

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
        ApiDocumentationChecks.assertDocumentMatchesRoutes(apiDocs(), context);
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
        ApiDocumentationChecks.assertBrowsableDocumentServed(web);
    }

    private JsonNode apiDocs() throws Exception {
        return ApiDocumentationChecks.fetchDocument(web, json, "command-api.json");
    }
}
