package org.integratedcommunities.referrals.queryside.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.axonframework.config.EventProcessingConfiguration;
import org.flywaydb.core.Flyway;
import org.integratedcommunities.referrals.queryside.QuerySideTestSupport;
import org.integratedcommunities.referrals.testsupport.ApiDocumentationChecks;
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

/**
 * The query API's OpenAPI document, served by the running application without signing in, is true: it lists every
 * route the application has under {@code /api/} with its method, and nothing else. A new endpoint left out of the
 * document, or a documented one that no longer exists, fails here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiDocumentationIntegrationTest {

    private static final TestDatabase database = TestDatabase.create("queryapidocs");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        // The command side owns the event store schema; here it is created the same way, from the same migration.
        Flyway.configure()
                .dataSource(database.url(), TestDatabase.user(), TestDatabase.password())
                .schemas("event_store")
                .locations("classpath:db/eventstore")
                .load()
                .migrate();
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
        QuerySideTestSupport.stopProcessorsAndDrop(context.getBean(EventProcessingConfiguration.class), database);
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
        assertThat(docs.at("/info/title").asText()).contains("query API");
        assertThat(docs.at("/info/version").asText()).isNotBlank();
        JsonNode scheme = docs.at("/components/securitySchemes/bearer-token");
        assertThat(scheme.path("type").asText()).isEqualTo("http");
        assertThat(scheme.path("scheme").asText()).isEqualTo("bearer");
        assertThat(scheme.path("description").asText()).contains("http://localhost:8180/realms/icr");
        assertThat(docs.at("/security/0").has("bearer-token")).isTrue();
        for (ApiRoutes.Route route : ApiRoutes.documented(docs)) {
            JsonNode responses = route.operation().path("responses");
            for (String status : Set.of("401", "403")) {
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
        assertThat(ApiRoutes.documented(docs))
                .filteredOn(route -> route.path().equals("/api/inbox/updates"))
                .singleElement()
                .matches(route -> route.produces(MediaType.TEXT_EVENT_STREAM_VALUE), "produces text/event-stream");
    }

    @Test
    void theBrowsableDocumentIsServedWithoutSigningIn() {
        ApiDocumentationChecks.assertBrowsableDocumentServed(web);
    }

    private JsonNode apiDocs() throws Exception {
        return ApiDocumentationChecks.fetchDocument(web, json, "query-api.json");
    }
}
