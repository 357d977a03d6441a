package org.integratedcommunities.referrals.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The routes an application's OpenAPI document ({@code /v3/api-docs}) declares, for the tests that hold the document
 * to the application's real routes and that are generated from it (so a new endpoint is covered without anyone
 * remembering).
 */
public final class ApiRoutes {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(?::[^}]*)?}");

    private ApiRoutes() {}

    /** One documented operation: its method, its path template and the operation object itself. */
    public record Route(String method, String path, JsonNode operation) {

        /** The names of the path's variables, in order: {@code /api/referrals/{referralId}} has {@code referralId}. */
        public List<String> pathVariables() {
            return variablesOf(path);
        }

        /** The path with each variable replaced by the value given for its name. */
        public String expand(Map<String, String> values) {
            Matcher matcher = VARIABLE.matcher(path);
            StringBuilder expanded = new StringBuilder();
            while (matcher.find()) {
                String value = values.get(matcher.group(1));
                if (value == null) {
                    throw new IllegalArgumentException("No value for {" + matcher.group(1) + "} of " + this);
                }
                matcher.appendReplacement(expanded, Matcher.quoteReplacement(value));
            }
            return matcher.appendTail(expanded).toString();
        }

        /** The query parameters it declares. */
        public List<JsonNode> queryParameters() {
            List<JsonNode> query = new ArrayList<>();
            operation.path("parameters").forEach(parameter -> {
                if ("query".equals(parameter.path("in").asText())) {
                    query.add(parameter);
                }
            });
            return query;
        }

        /** Whether any of its successful answers has the given media type (e.g. {@code text/event-stream}). */
        public boolean produces(String mediaType) {
            Iterator<Map.Entry<String, JsonNode>> responses =
                    operation.path("responses").fields();
            while (responses.hasNext()) {
                Map.Entry<String, JsonNode> response = responses.next();
                if (response.getKey().startsWith("2")
                        && response.getValue().path("content").has(mediaType)) {
                    return true;
                }
            }
            return false;
        }

        public boolean hasRequestBody() {
            return operation.has("requestBody");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Every operation of the document, sorted by path and method. */
    public static List<Route> documented(JsonNode apiDocs) {
        List<Route> routes = new ArrayList<>();
        apiDocs.path("paths").fields().forEachRemaining(path -> {
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation != null) {
                    routes.add(new Route(method.toUpperCase(Locale.ROOT), path.getKey(), operation));
                }
            }
        });
        routes.sort((a, b) -> a.toString().compareTo(b.toString()));
        return routes;
    }

    /** The routes as {@code "METHOD /path/{variable}"}, for comparison with those an application really has. */
    public static Set<String> names(List<Route> routes) {
        Set<String> names = new TreeSet<>();
        routes.forEach(route -> names.add(route.toString()));
        return names;
    }

    /**
     * A route as Spring names it ({@code "GET"}, {@code "/api/x/{id:[0-9]+}"}) in the form of {@link #names}: a
     * variable's pattern is not part of the OpenAPI path.
     */
    public static String name(String method, String pathPattern) {
        return method.toUpperCase(Locale.ROOT) + " "
                + VARIABLE.matcher(pathPattern).replaceAll("{$1}");
    }

    static List<String> variablesOf(String path) {
        List<String> names = new ArrayList<>();
        Matcher matcher = VARIABLE.matcher(path);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
