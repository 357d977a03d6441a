package org.integratedcommunities.referrals.commandside.directory;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.integratedcommunities.referrals.commandside.web.CommandDispatcher;
import org.integratedcommunities.referrals.kernel.directory.RegisterAgencyCommand;
import org.integratedcommunities.referrals.kernel.directory.RegisterPartnershipCommand;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.identity.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts the partnership directory from the seed ({@code icr.directory.seed}, by default
 * {@code classpath:directory/partnerships.json}) when the directory register is empty: the partnerships and agencies
 * every other decision relies on. Reference data, so it runs wherever the command side runs, tests included.
 *
 * <p>It sends the ordinary commands, as the system actor {@value #SYSTEM_USER} with the admin role of each
 * partnership, acting for the partnership's admin agency; so the events say who registered the agencies like any
 * other. All of it in one transaction: the directory is started completely or not at all.
 *
 * <p><b>When.</b> An {@link ApplicationRunner}: after the context has refreshed (Axon started, Flyway migrated) and
 * before Spring Boot declares the application ready, so {@code /actuator/health/readiness} answers 503 until the
 * directory exists. A failure stops the application.
 *
 * <p><b>Several instances at once.</b> Each sees an empty register and tries; the second blocks on the first's
 * partnership event (the event table's unique aggregate id and sequence number) and then fails, or finds the
 * partnership already registered. Either way its transaction rolls back, it sees the register filled by the other,
 * and carries on. Only if the register is still empty is the failure real.
 */
@Component
class DirectoryBootstrap implements ApplicationRunner {

    /** The user id the start-up registration acts as: not a person, never a Keycloak subject. */
    static final String SYSTEM_USER = "system:directory-seed";

    private static final Logger log = LoggerFactory.getLogger(DirectoryBootstrap.class);

    private final CommandGateway commands;
    private final DirectoryRegisterProjection register;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final ResourceLoader resources;
    private final String seedLocation;

    DirectoryBootstrap(
            CommandGateway commands,
            DirectoryRegisterProjection register,
            PlatformTransactionManager transactionManager,
            ObjectMapper json,
            ResourceLoader resources,
            @Value("${icr.directory.seed:classpath:directory/partnerships.json}") String seedLocation) {
        this.commands = commands;
        this.register = register;
        this.transaction = new TransactionTemplate(transactionManager);
        this.json = json;
        this.resources = resources;
        this.seedLocation = seedLocation;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (seedLocation == null || seedLocation.isBlank()) {
            log.info("No partnership directory seed (icr.directory.seed is empty): the directory is not started");
            return;
        }
        seedIfEmpty();
    }

    /**
     * Registers the seed's partnerships and agencies if no partnership is registered yet.
     *
     * @return whether this call registered them
     */
    boolean seedIfEmpty() {
        if (register.anyPartnership()) {
            log.debug("The partnership directory is already started");
            return false;
        }
        DirectorySeed seed = readSeed();
        try {
            // The local command bus handles commands on this thread, so each command joins this transaction.
            Boolean registered = transaction.execute(status -> {
                if (register.anyPartnership()) {
                    return false;
                }
                seed.partnerships().forEach(this::registerPartnership);
                return true;
            });
            if (Boolean.TRUE.equals(registered)) {
                log.info(
                        "Partnership directory started from {}: {} partnerships, {} agencies",
                        seedLocation,
                        seed.partnerships().size(),
                        seed.partnerships().stream()
                                .mapToInt(p -> p.agencies().size())
                                .sum());
            }
            return Boolean.TRUE.equals(registered);
        } catch (RuntimeException e) {
            if (register.anyPartnership()) {
                log.info(
                        "Another instance started the partnership directory first ({})",
                        e.getClass().getSimpleName());
                return false;
            }
            throw e;
        }
    }

    private void registerPartnership(DirectorySeed.SeedPartnership partnership) {
        Actor system =
                new Actor(new UserId(SYSTEM_USER), partnership.adminAgency(), partnership.id(), Set.of(Role.ADMIN));
        send(new RegisterPartnershipCommand(partnership.id(), partnership.name()), system);
        for (DirectorySeed.SeedAgency agency : partnership.agencies()) {
            send(
                    new RegisterAgencyCommand(partnership.id(), agency.id(), agency.name(), agency.servicesOffered()),
                    system);
        }
    }

    private void send(Object command, Actor actor) {
        commands.sendAndWait(
                GenericCommandMessage.asCommandMessage(command).andMetaData(CommandDispatcher.actorMetaData(actor)));
    }

    private DirectorySeed readSeed() {
        try {
            return DirectorySeed.read(json, resources.getResource(seedLocation).getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("The partnership directory seed " + seedLocation + " cannot be read", e);
        }
    }
}
