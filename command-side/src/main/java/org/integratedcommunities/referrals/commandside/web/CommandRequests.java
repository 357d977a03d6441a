package org.integratedcommunities.referrals.commandside.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.integratedcommunities.referrals.commandside.authorisation.NotVisible;
import org.integratedcommunities.referrals.commandside.rules.InvalidInput;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.webapi.CurrentActor;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What every command endpoint does around its command: find the actor, honour the idempotency key, pick the id of a
 * new record, read {@code If-Match}, and dispatch.
 */
@Component
public class CommandRequests {

    private final CommandDispatcher dispatcher;
    private final ObjectMapper json;

    CommandRequests(CommandDispatcher dispatcher, ObjectMapper json) {
        this.dispatcher = dispatcher;
        this.json = json;
    }

    /** Sends the commands that create a record, and answers with the new record's id. */
    public interface Creation {
        Mono<?> send(CommandDispatcher dispatcher, Actor actor, Idempotency idempotency, UUID newId);
    }

    public <R> Mono<R> create(
            String request, Object body, String key, Function<UUID, Object> command, Function<UUID, R> response) {
        return createWith(
                request,
                body,
                key,
                (commands, actor, idempotency, id) -> commands.send(command.apply(id), actor, idempotency),
                response);
    }

    public <R> Mono<R> createWith(
            String request, Object body, String key, Creation creation, Function<UUID, R> response) {
        return CurrentActor.get().flatMap(actor -> {
            Idempotency idempotency = Idempotency.of(key, request + "\n" + canonical(body));
            UUID id = idempotency.newId(actor);
            return creation.send(dispatcher, actor, idempotency, id).then(Mono.fromSupplier(() -> response.apply(id)));
        });
    }

    public Mono<Void> update(String request, Object body, String key, Supplier<Object> command) {
        return updateFor(request, body, key, actor -> command.get());
    }

    /** As {@link #update(String, Object, String, Supplier)}, for a command built from the actor (e.g. its partnership). */
    public Mono<Void> updateFor(String request, Object body, String key, Function<Actor, Object> command) {
        return CurrentActor.get().flatMap(actor -> {
            Idempotency idempotency = Idempotency.of(key, request + "\n" + canonical(body));
            return dispatcher.send(command.apply(actor), actor, idempotency).then();
        });
    }

    /** The version in {@code If-Match} ({@code "3"} or {@code 3}); null when the client gives none. */
    public static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.equals("*")) {
            return null;
        }
        String value = ifMatch.trim().replaceFirst("^W/", "").replace("\"", "");
        try {
            long version = Long.parseLong(value);
            if (version < 0) {
                throw new NumberFormatException();
            }
            return version;
        } catch (NumberFormatException e) {
            throw new InvalidInput("If-Match", "If-Match must be the version you last read, such as \"3\"");
        }
    }

    /** An id in the path that does not parse names no record: 404, like any unknown record. */
    public static <T> T parseId(String text, Function<String, T> parse) {
        try {
            return parse.apply(text);
        } catch (RuntimeException e) {
            throw new NotVisible();
        }
    }

    public static <T> T parseField(String field, String text, Function<String, T> parse) {
        try {
            return parse.apply(text);
        } catch (RuntimeException e) {
            throw new InvalidInput(field, "is not valid");
        }
    }

    private String canonical(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
