package org.integratedcommunities.referrals.commandside.web;

import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.ActorMetaData;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The one bridge from the reactive web edge to Axon. The local command bus runs handlers, and their JDBC work, on the
 * calling thread, so dispatch hops to the bounded-elastic scheduler and never blocks an event-loop thread.
 */
@Component
public class CommandDispatcher {

    private final CommandGateway gateway;

    CommandDispatcher(CommandGateway gateway) {
        this.gateway = gateway;
    }

    /** Sends the command as the actor, whose identity travels in metadata onto every resulting event. */
    public <R> Mono<R> send(Object command, Actor actor) {
        return send(command, actor, Idempotency.NONE);
    }

    /** As {@link #send(Object, Actor)}, handled at most once for the request's idempotency key. */
    public <R> Mono<R> send(Object command, Actor actor, Idempotency idempotency) {
        MetaData metaData = actorMetaData(actor);
        if (idempotency.present()) {
            metaData = metaData.and(Idempotency.KEY_METADATA, idempotency.key())
                    .and(Idempotency.FINGERPRINT_METADATA, idempotency.fingerprint());
        }
        var message = GenericCommandMessage.asCommandMessage(command).andMetaData(metaData);
        return Mono.defer(() -> Mono.fromFuture(gateway.<R>send(message)))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(CompletionException.class, e -> e.getCause() != null ? e.getCause() : e);
    }

    /** The actor as command metadata: user, agency, partnership and realm roles. */
    public static MetaData actorMetaData(Actor actor) {
        return MetaData.with(ActorMetaData.USER_ID, actor.userId().value())
                .and(ActorMetaData.AGENCY_ID, actor.agencyId().value())
                .and(ActorMetaData.PARTNERSHIP_ID, actor.partnershipId().value())
                .and(
                        ActorMetaData.ROLES,
                        actor.roles().stream().map(Role::realmRole).sorted().collect(Collectors.joining(",")));
    }
}
