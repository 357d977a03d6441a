package org.integratedcommunities.referrals.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * The checks that hold an application's OpenAPI document to the routes it really has, shared by both applications'
 * documentation tests.
 */
public final class ApiDocumentationChecks {

    private ApiDocumentationChecks() {}

    /**
     * The document as the running application serves it without signing in; also written to
     * {@code target/openapi/<fileName>} for people to read.
     */
    public static JsonNode fetchDocument(WebTestClient web, ObjectMapper json, String fileName) throws IOException {
        byte[] body = web.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        Path copy = Path.of("target", "openapi", fileName);
        Files.createDirectories(copy.getParent());
        Files.write(copy, body);
        return json.readTree(body);
    }

    /** The document lists every route the application has under {@code /api/}, with its method, and nothing else. */
    public static void assertDocumentMatchesRoutes(JsonNode document, ApplicationContext context) {
        Set<String> documented = ApiRoutes.names(ApiRoutes.documented(document));
        Set<String> real = apiRoutes(context);
        assertThat(real).as("the application's routes under /api/").isNotEmpty();
        assertThat(missing(real, documented))
                .as("routes the application has but the document does not list")
                .isEmpty();
        assertThat(missing(documented, real))
                .as("routes the document lists but the application does not have")
                .isEmpty();
    }

    /** {@code /swagger-ui.html} redirects to the browsable document, served as HTML without signing in. */
    public static void assertBrowsableDocumentServed(WebTestClient web) {
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

    /** Every method and path the application's request mappings route under {@code /api/}, named as in the document. */
    public static Set<String> apiRoutes(ApplicationContext context) {
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
