package org.integratedcommunities.referrals.commandside.web;

import java.util.concurrent.CompletionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.ActorMetaData;
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
        MetaData actorMetaData = MetaData.with(
                        ActorMetaData.USER_ID, actor.userId().value())
                .and(ActorMetaData.AGENCY_ID, actor.agencyId().value())
                .and(ActorMetaData.PARTNERSHIP_ID, actor.partnershipId().value());
        return Mono.defer(() -> Mono.fromFuture(gateway.<R>send(
                        GenericCommandMessage.asCommandMessage(command).andMetaData(actorMetaData))))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(CompletionException.class, e -> e.getCause() != null ? e.getCause() : e);
    }
}
