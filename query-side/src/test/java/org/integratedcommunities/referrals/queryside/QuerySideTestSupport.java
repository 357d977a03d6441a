package org.integratedcommunities.referrals.queryside;

import java.util.EnumSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.MetaData;
import org.flywaydb.core.Flyway;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.ActorMetaData;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.identity.UserId;
import org.integratedcommunities.referrals.testsupport.ActorClients;
import org.integratedcommunities.referrals.testsupport.TestDatabase;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What the query side's tests share: the database as the command side's migrations leave it, actors, and the metadata
 * the command side puts on the events they cause.
 */
public final class QuerySideTestSupport {

    private QuerySideTestSupport() {}

    /** The event store and the data subjects' keys, created by the command side's own migrations; then the app's. */
    public static void useDatabase(TestDatabase database, DynamicPropertyRegistry registry) {
        Flyway.configure()
                .dataSource(database.url(), TestDatabase.user(), TestDatabase.password())
                .schemas("event_store")
                .defaultSchema("event_store")
                .locations("classpath:db/eventstore", "classpath:db/personaldata")
                .load()
                .migrate();
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", TestDatabase::user);
        registry.add("spring.datasource.password", TestDatabase::password);
    }

    /**
     * Stops the processors before their database goes, so that they do not keep knocking at a dropped database (and
     * hold up the JVM's exit while the cached application context shuts down).
     */
    public static void stopProcessorsAndDrop(EventProcessingConfiguration processing, TestDatabase database) {
        try {
            processing.eventProcessors().values().forEach(EventProcessor::shutDown);
        } finally {
            database.close();
        }
    }

    /** A page of the web UI as the actor sees it, answered with {@code status}. */
    public static String page(ApplicationContext context, Actor actor, String path, int status) {
        return ActorClients.webTestClient(context, actor)
                .get()
                .uri(path)
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    public static Actor actor(String partnership, String agency, Role role, Role... more) {
        return new Actor(
                new UserId(UUID.randomUUID().toString()),
                new AgencyId(agency),
                new PartnershipId(partnership),
                EnumSet.of(role, more));
    }

    public static MetaData metaData(Actor actor) {
        return MetaData.with(ActorMetaData.USER_ID, actor.userId().value())
                .and(ActorMetaData.AGENCY_ID, actor.agencyId().value())
                .and(ActorMetaData.PARTNERSHIP_ID, actor.partnershipId().value())
                .and(
                        ActorMetaData.ROLES,
                        actor.roles().stream().map(Role::realmRole).sorted().collect(Collectors.joining(",")));
    }
}
