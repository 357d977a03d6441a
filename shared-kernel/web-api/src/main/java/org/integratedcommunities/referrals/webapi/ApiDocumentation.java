package org.integratedcommunities.referrals.webapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.function.BiConsumer;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * What both APIs' OpenAPI documents share (each application serves its own at {@code /v3/api-docs}, browsable at
 * {@code /swagger-ui.html}): the bearer-token security scheme of the Keycloak realm, required by every operation, and
 * the RFC 9457 problem+json answers of {@link ApiProblemHandler} and {@link ProblemResponses}. Each application adds
 * its title and description ({@link #info}) and the failures of its own domain ({@link #problem}).
 */
@AutoConfiguration(after = ApiSecurityConfiguration.class)
public class ApiDocumentation {

    /** The document and its browsable UI: open to everyone, like any published API description. */
    public static final String[] PUBLIC_PATHS = {
        "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/swagger-ui/**"
    };

    public static final String BEARER_SCHEME = "bearer-token";
    public static final String PROBLEM_SCHEMA = "Problem";
    public static final String FIELD_ERROR_SCHEMA = "FieldError";
    public static final String PROBLEM_JSON = "application/problem+json";

    @Bean
    OpenApiCustomizer sharedApiConventions(ApiSecurityProperties security) {
        return openApi -> {
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            openApi.setComponents(components);
            components.addSecuritySchemes(BEARER_SCHEME, bearerScheme(security));
            components.addSchemas(FIELD_ERROR_SCHEMA, fieldErrorSchema());
            components.addSchemas(PROBLEM_SCHEMA, problemSchema());
            openApi.setSecurity(List.of(new SecurityRequirement().addList(BEARER_SCHEME)));
            forEachOperation(openApi, (path, operation) -> {
                groupByResource(path, operation);
                ApiResponses responses = responses(operation);
                // A body, a query parameter or a header can be malformed; a path variable that is not an id
                // names nothing (404).
                boolean takesInput = operation.getRequestBody() != null
                        || (operation.getParameters() != null
                                && operation.getParameters().stream()
                                        .anyMatch(parameter -> !"path".equals(parameter.getIn())));
                if (takesInput) {
                    problem(
                            responses,
                            400,
                            "Invalid request: unreadable, or fields missing or invalid (each under `errors`)");
                }
                problem(responses, 401, "Not signed in: no valid bearer token for this service");
                problem(responses, 403, "Not allowed for your role or agency");
                if (path.contains("{")) {
                    problem(
                            responses,
                            404,
                            "No such record, or not yours to see: the answer is the same, so existence is not"
                                    + " revealed");
                }
                problem(responses, 500, "Something went wrong; nothing was changed");
            });
        };
    }

    /** The document's title, description and version, from the application's own build where known. */
    public static Info info(String title, String description, Class<?> application) {
        String version = application.getPackage().getImplementationVersion();
        return new Info().title(title).description(description).version(version == null ? "development" : version);
    }

    /** Applies {@code action} to every operation of the document, with its path. */
    public static void forEachOperation(OpenAPI openApi, BiConsumer<String, Operation> action) {
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths()
                .forEach((path, item) -> item.readOperations().forEach(operation -> action.accept(path, operation)));
    }

    /**
     * Springdoc names an operation's group after its controller class ({@code referral-command-controller}); a reader
     * looks for the resource instead: {@code /api/referrals/...} is under {@code referrals}. A tag given on purpose
     * ({@code @Tag}) is kept.
     */
    private static void groupByResource(String path, Operation operation) {
        String[] segments = path.split("/");
        boolean defaultTags = operation.getTags() == null
                || operation.getTags().stream().allMatch(tag -> tag.endsWith("-controller"));
        if (defaultTags && segments.length > 2 && segments[1].equals("api")) {
            operation.setTags(List.of(segments[2]));
        }
    }

    /** Documents a problem+json answer with the given status, unless the operation documents that status itself. */
    public static void problem(ApiResponses responses, int status, String description) {
        String code = String.valueOf(status);
        if (responses.containsKey(code)) {
            return;
        }
        responses.addApiResponse(
                code,
                new ApiResponse()
                        .description(description)
                        .content(new Content()
                                .addMediaType(
                                        PROBLEM_JSON,
                                        new MediaType()
                                                .schema(new Schema<>()
                                                        .$ref("#/components/schemas/" + PROBLEM_SCHEMA)))));
    }

    public static ApiResponses responses(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        return operation.getResponses();
    }

    private static SecurityScheme bearerScheme(ApiSecurityProperties security) {
        return new SecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("bearer")
                .bearerFormat("JWT")
                .description("An access token of the Keycloak realm " + security.issuerUri() + " (its issuer), meant"
                        + " for the audience `" + security.audience() + "` and unexpired. Its `agency_id` and"
                        + " `partnership_id` claims and realm roles say whom you act for: every call acts as that"
                        + " user, agency and partnership, never as anyone named in the request.");
    }

    private static Schema<?> fieldErrorSchema() {
        return new ObjectSchema()
                .description("One field's problem")
                .addProperty("field", new StringSchema().description("The field, as a path into the request"))
                .addProperty("message", new StringSchema().description("What is wrong with it"));
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("An RFC 9457 problem: what went wrong, in words meant for people; nothing internal")
                .addProperty("type", new StringSchema().format("uri").example("about:blank"))
                .addProperty("title", new StringSchema().example("Not found"))
                .addProperty("status", new IntegerSchema().example(404))
                .addProperty("detail", new StringSchema().example("There is no such record."))
                .addProperty("instance", new StringSchema().format("uri").description("The path that was called"))
                .addProperty(
                        "errors",
                        new ArraySchema()
                                .description("For field problems (400, 422): each field and what is wrong with it")
                                .items(new Schema<>().$ref("#/components/schemas/" + FIELD_ERROR_SCHEMA)))
                .addProperty(
                        "currentState",
                        new StringSchema()
                                .description("For a step not possible in the current state (409): that state"));
    }
}
