package org.integratedcommunities.referrals.commandside.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import java.util.function.Consumer;
import org.integratedcommunities.referrals.commandside.CommandSideApplication;
import org.integratedcommunities.referrals.webapi.ApiDocumentation;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The command API's OpenAPI document ({@code /v3/api-docs}, browsable at {@code /swagger-ui.html}): its title and
 * description, and the failures of commands besides those every call may meet ({@link ApiDocumentation}).
 * {@code ApiDocumentationIntegrationTest} holds it to the routes the application really has.
 */
@Configuration
class ApiDocumentationConfiguration {

    @Bean
    OpenAPI commandApi() {
        return new OpenAPI()
                .info(ApiDocumentation.info(
                        "Integrated Communities Referrals: command API", """
                        Everything that changes something: cases with their lawful basis for sharing, referrals through \
                        their whole lifecycle, and the partnership directory. Every call acts as the user, agency and \
                        partnership of its bearer token.

                        `If-Match: "<version>"` makes a step conditional (409 if the record changed since); an \
                        `Idempotency-Key` header makes a retry safe (the same request again creates nothing; the same \
                        key with another request is refused with 422). Errors are RFC 9457 `application/problem+json`.\
                        """, CommandSideApplication.class));
    }

    /** Commands can also meet the current state (409) and the domain's rules (422). */
    @Bean
    OpenApiCustomizer commandProblems() {
        return openApi -> forEachCommand(openApi, operation -> {
            var responses = ApiDocumentation.responses(operation);
            ApiDocumentation.problem(
                    responses,
                    409,
                    "Not possible in the current state (named under `currentState`), or the record changed since the"
                            + " version in If-Match");
            ApiDocumentation.problem(
                    responses,
                    422,
                    "Against a rule: e.g. no lawful basis for this sharing, an agency outside the partnership, an"
                            + " idempotency key reused for another request");
        });
    }

    private static void forEachCommand(OpenAPI openApi, Consumer<Operation> action) {
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths()
                .values()
                .forEach(item -> item.readOperationsMap().forEach((method, operation) -> {
                    if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT) {
                        action.accept(operation);
                    }
                }));
    }
}
