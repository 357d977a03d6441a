package org.integratedcommunities.referrals.queryside.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.integratedcommunities.referrals.webapi.ActorAuthenticationToken;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;

/**
 * The web UI's writes: the command side's REST API, called with the signed-in user's own access token (the one
 * {@link SignedInActor} took from the session and refreshed), so the command side decides exactly as it would for
 * the user calling it directly. Every call carries the form's {@code Idempotency-Key} (a double submit stores nothing
 * twice) and, where the page showed a version, {@code If-Match}. Refusals come back as a {@link Result} for the form to
 * show, never as an exception.
 */
@Component
@EnableConfigurationProperties(CommandSide.Properties.class)
public class CommandSide {

    /** @param url where the command side's API is, e.g. http://localhost:8081 */
    @ConfigurationProperties("icr.command-side")
    public record Properties(URI url) {
        public Properties {
            if (url == null) {
                url = URI.create("http://localhost:8081");
            }
        }
    }

    /** One {@code field}/{@code message} of a problem's {@code errors}; the field as the API names it. */
    public record FieldProblem(String field, String message) {}

    /**
     * What the command side answered.
     *
     * @param status the HTTP status; 0 when it could not be reached
     * @param body the answer on success (e.g. a new record's id), else the problem document
     * @param detail the problem's detail: what a person should read
     */
    public record Result(int status, JsonNode body, String detail, List<FieldProblem> errors) {

        public boolean succeeded() {
            return status >= 200 && status < 300;
        }

        /** What a page showing this refusal answers with: the command side's status, or 503 when it was not reached. */
        public HttpStatus pageStatus() {
            return status == 0 ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.valueOf(status);
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** A record's id in a path. */
    private static final Pattern ID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final WebClient client;

    CommandSide(WebClient.Builder builder, Properties properties) {
        this.client = builder.baseUrl(properties.url().toString()).build();
    }

    /**
     * The path with its ids as URI variables ({@code /api/referrals/{id0}/acceptance}): the HTTP client's metrics tag a
     * request with its template, so no id reaches a metric (each id would also be a new time series).
     */
    static String template(String path) {
        Matcher ids = ID.matcher(path);
        StringBuilder template = new StringBuilder();
        int n = 0;
        while (ids.find()) {
            ids.appendReplacement(template, "{id" + n++ + "}");
        }
        ids.appendTail(template);
        return template.toString();
    }

    static Object[] ids(String path) {
        return ID.matcher(path).results().map(MatchResult::group).toArray();
    }

    /**
     * POSTs {@code body} as JSON to the command API's {@code path} as the signed-in user.
     *
     * @param version the version the user saw, sent as {@code If-Match}; null for none
     */
    public Mono<Result> post(String path, Object body, String idempotencyKey, Long version) {
        return accessToken()
                .flatMap(token -> client.post()
                        .uri(template(path), ids(path))
                        .headers(headers -> {
                            headers.setBearerAuth(token);
                            headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
                            if (idempotencyKey != null && !idempotencyKey.isBlank()) {
                                headers.set("Idempotency-Key", idempotencyKey);
                            }
                            if (version != null) {
                                headers.set(HttpHeaders.IF_MATCH, "\"" + version + "\"");
                            }
                        })
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(body)
                        .exchangeToMono(response -> response.bodyToMono(JsonNode.class)
                                .defaultIfEmpty(NullNode.getInstance())
                                .onErrorResume(unreadable -> Mono.just(NullNode.getInstance()))
                                .map(answer -> result(response.statusCode().value(), answer)))
                        .timeout(TIMEOUT)
                        .onErrorResume(
                                e -> e instanceof WebClientRequestException
                                        || e instanceof java.util.concurrent.TimeoutException,
                                unreachable -> Mono.just(new Result(
                                        0,
                                        NullNode.getInstance(),
                                        "The service is not available at the moment. Nothing was saved. Try again later.",
                                        List.of()))));
    }

    private static Result result(int status, JsonNode answer) {
        if (status >= 200 && status < 300) {
            return new Result(status, answer, null, List.of());
        }
        List<FieldProblem> errors = new ArrayList<>();
        answer.path("errors")
                .forEach(error -> errors.add(new FieldProblem(
                        error.path("field").asText(""), error.path("message").asText(""))));
        String detail = answer.path("detail").asText("");
        if (detail.isBlank()) {
            detail = "Your change could not be saved. Try again later.";
        }
        return new Result(status, answer, detail, List.copyOf(errors));
    }

    private static Mono<String> accessToken() {
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(context -> context.getAuthentication())
                .filter(ActorAuthenticationToken.class::isInstance)
                .cast(ActorAuthenticationToken.class)
                .map(token -> token.getToken().getTokenValue())
                .switchIfEmpty(Mono.error(new IllegalStateException("A write outside a signed-in session")));
    }
}
