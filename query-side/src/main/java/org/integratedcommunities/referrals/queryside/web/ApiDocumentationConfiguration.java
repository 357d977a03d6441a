package org.integratedcommunities.referrals.queryside.web;

import io.swagger.v3.oas.models.OpenAPI;
import org.integratedcommunities.referrals.queryside.QuerySideApplication;
import org.integratedcommunities.referrals.webapi.ApiDocumentation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The query API's OpenAPI document ({@code /v3/api-docs}, browsable at {@code /swagger-ui.html}); the security scheme
 * and problem answers come from {@link ApiDocumentation}. {@code ApiDocumentationIntegrationTest} holds it to the
 * routes the application really has.
 */
@Configuration
class ApiDocumentationConfiguration {

    @Bean
    OpenAPI queryApi() {
        return new OpenAPI()
                .info(ApiDocumentation.info(
                        "Integrated Communities Referrals: query API", """
                        What an agency may see: the referrals it received (inbox) and sent (outbox) with their \
                        outcomes, and live updates of its inbox; for agency managers, safeguarding leads and the \
                        partnership coordinator, the escalations of breached deadlines; for the auditor, the event store's \
                        integrity verified against its signed hash chain. Every answer is scoped to the \
                        agency, partnership and role of the bearer token, in the application and again by PostgreSQL's \
                        row-level security: a record your agency may not see answers 404, exactly like one that does \
                        not exist. Errors are RFC 9457 `application/problem+json`.\
                        """, QuerySideApplication.class));
    }
}
