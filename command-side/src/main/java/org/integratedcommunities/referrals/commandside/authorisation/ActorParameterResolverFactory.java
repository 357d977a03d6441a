package org.integratedcommunities.referrals.commandside.authorisation;

import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.ParameterResolver;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.ActorMetaData;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.identity.UserId;

/**
 * Lets handlers declare an {@link Actor} parameter, rebuilt from the message's metadata (where the web edge put the
 * authenticated user). A message without an actor resolves to null: handlers that need one refuse it. Registered
 * through {@code META-INF/services}, so aggregates get it in the application and in test fixtures alike.
 */
public class ActorParameterResolverFactory implements ParameterResolverFactory {

    @Override
    public ParameterResolver<Actor> createInstance(Executable executable, Parameter[] parameters, int index) {
        if (!Actor.class.equals(parameters[index].getType())) {
            return null;
        }
        return new ParameterResolver<>() {
            @Override
            public Actor resolveParameterValue(Message<?> message) {
                return actorOf(message);
            }

            @Override
            public boolean matches(Message<?> message) {
                return true;
            }
        };
    }

    static Actor actorOf(Message<?> message) {
        Object user = message.getMetaData().get(ActorMetaData.USER_ID);
        Object agency = message.getMetaData().get(ActorMetaData.AGENCY_ID);
        Object partnership = message.getMetaData().get(ActorMetaData.PARTNERSHIP_ID);
        if (user == null || agency == null || partnership == null) {
            return null;
        }
        Object roles = message.getMetaData().getOrDefault(ActorMetaData.ROLES, "");
        Set<Role> parsed = Arrays.stream(String.valueOf(roles).split(","))
                .map(String::trim)
                .map(Role::fromRealmRole)
                .flatMap(java.util.Optional::stream)
                .collect(Collectors.toSet());
        return new Actor(
                new UserId(user.toString()),
                new AgencyId(agency.toString()),
                new PartnershipId(partnership.toString()),
                parsed);
    }
}
