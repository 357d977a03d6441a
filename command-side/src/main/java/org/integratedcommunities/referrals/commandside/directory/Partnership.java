package org.integratedcommunities.referrals.commandside.directory;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.integratedcommunities.referrals.commandside.authorisation.ActorRules.requireAnyRole;
import static org.integratedcommunities.referrals.commandside.authorisation.ActorRules.requireSamePartnership;

import java.time.Clock;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateVersion;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.integratedcommunities.referrals.commandside.authorisation.NotVisible;
import org.integratedcommunities.referrals.commandside.rules.IllegalTransition;
import org.integratedcommunities.referrals.commandside.rules.RuleViolation;
import org.integratedcommunities.referrals.kernel.directory.AcknowledgementServiceLevelSetEvent;
import org.integratedcommunities.referrals.kernel.directory.AgencyRegisteredEvent;
import org.integratedcommunities.referrals.kernel.directory.AgencyRetiredEvent;
import org.integratedcommunities.referrals.kernel.directory.AgencyServicesChangedEvent;
import org.integratedcommunities.referrals.kernel.directory.ChangeAgencyServicesCommand;
import org.integratedcommunities.referrals.kernel.directory.PartnershipRegisteredEvent;
import org.integratedcommunities.referrals.kernel.directory.RegisterAgencyCommand;
import org.integratedcommunities.referrals.kernel.directory.RegisterPartnershipCommand;
import org.integratedcommunities.referrals.kernel.directory.RetireAgencyCommand;
import org.integratedcommunities.referrals.kernel.directory.SetAcknowledgementServiceLevelCommand;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;

/**
 * One Local Integration Partnership's directory: its agencies, the kinds of referral each takes, and its
 * acknowledgement service levels. Only an admin of the partnership changes it.
 *
 * <p>The aggregate id is the partnership id, a short name such as {@code bradford}. Ids share one event table with
 * the other aggregates, whose ids are UUIDs, so a partnership id must never be a UUID (refused at registration).
 */
@Aggregate
@Revision("1")
public class Partnership {

    private static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);

    /** Where an agency stands in its partnership. */
    enum AgencyStatus {
        ACTIVE,
        RETIRED
    }

    @AggregateIdentifier
    private PartnershipId partnershipId;

    @AggregateVersion
    private Long version;

    private final Map<AgencyId, AgencyStatus> agencies = new HashMap<>();
    private final Map<AgencyId, Set<ReferralType>> services = new HashMap<>();
    private final Map<ReferralType, Integer> acknowledgementWorkingDays = new EnumMap<>(ReferralType.class);

    protected Partnership() {
        // rebuilt from its events, or new for RegisterPartnershipCommand
    }

    /** Starts the directory; a second registration of the same partnership is refused. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RegisterPartnershipCommand command, Actor actor, Clock clock) {
        if (isUuid(command.partnershipId().value())) {
            throw new RuleViolation("partnershipId", "A partnership id is a short name such as bradford, not a UUID");
        }
        requireAdmin(actor, command.partnershipId());
        if (partnershipId != null) {
            throw new RuleViolation("partnershipId", "This partnership is already registered");
        }
        apply(new PartnershipRegisteredEvent(
                command.partnershipId(), requireName(command.name(), "partnership"), clock.instant()));
    }

    @CommandHandler
    void handle(RegisterAgencyCommand command, Actor actor, PartnershipDirectory directory, Clock clock) {
        requireAdmin(actor, partnershipId);
        AgencyId agency = command.agencyId();
        if (agency == null) {
            throw new RuleViolation("agencyId", "Give the agency an id");
        }
        String prefix = partnershipId.value() + "-";
        if (!agency.value().startsWith(prefix) || agency.value().length() == prefix.length()) {
            throw new RuleViolation("agencyId", "An agency id of this partnership starts with \"" + prefix + "\"");
        }
        if (agencies.get(agency) == AgencyStatus.ACTIVE) {
            throw new RuleViolation("agencyId", "This agency is already registered");
        }
        if (agencies.get(agency) == AgencyStatus.RETIRED) {
            throw new RuleViolation("agencyId", "An agency with this id has retired: ids are not reused");
        }
        // Another partnership's id that this one's is a prefix of (bradford / bradford-east) could claim the same id.
        if (directory.partnershipOf(agency).isPresent()) {
            throw new RuleViolation("agencyId", "This agency id is already taken");
        }
        apply(new AgencyRegisteredEvent(
                partnershipId,
                agency,
                requireName(command.name(), "agency"),
                command.servicesOffered(),
                clock.instant()));
    }

    @CommandHandler
    void handle(ChangeAgencyServicesCommand command, Actor actor, Clock clock) {
        requireAdmin(actor, partnershipId);
        requireActive(command.agencyId(), "changed");
        if (services.get(command.agencyId()).equals(command.servicesOffered())) {
            return; // already so: nothing to record
        }
        apply(new AgencyServicesChangedEvent(
                partnershipId, command.agencyId(), command.servicesOffered(), clock.instant()));
    }

    @CommandHandler
    void handle(RetireAgencyCommand command, Actor actor, Clock clock) {
        requireAdmin(actor, partnershipId);
        requireActive(command.agencyId(), "retired");
        apply(new AgencyRetiredEvent(partnershipId, command.agencyId(), clock.instant()));
    }

    @CommandHandler
    void handle(SetAcknowledgementServiceLevelCommand command, Actor actor, Clock clock) {
        requireAdmin(actor, partnershipId);
        if (command.type() == null) {
            throw new RuleViolation("type", "Say which kind of referral the service level is for");
        }
        int days = command.workingDays();
        if (days < 1 || days > SetAcknowledgementServiceLevelCommand.MOST_WORKING_DAYS) {
            throw new RuleViolation(
                    "workingDays",
                    "An acknowledgement service level is 1 to "
                            + SetAcknowledgementServiceLevelCommand.MOST_WORKING_DAYS + " working days");
        }
        if (Integer.valueOf(days).equals(acknowledgementWorkingDays.get(command.type()))) {
            return; // already so: nothing to record
        }
        apply(new AcknowledgementServiceLevelSetEvent(partnershipId, command.type(), days, clock.instant()));
    }

    @EventSourcingHandler
    void on(PartnershipRegisteredEvent event) {
        partnershipId = event.partnershipId();
    }

    @EventSourcingHandler
    void on(AgencyRegisteredEvent event) {
        agencies.put(event.agencyId(), AgencyStatus.ACTIVE);
        services.put(event.agencyId(), event.servicesOffered());
    }

    @EventSourcingHandler
    void on(AgencyServicesChangedEvent event) {
        services.put(event.agencyId(), event.servicesOffered());
    }

    @EventSourcingHandler
    void on(AgencyRetiredEvent event) {
        agencies.put(event.agencyId(), AgencyStatus.RETIRED);
    }

    @EventSourcingHandler
    void on(AcknowledgementServiceLevelSetEvent event) {
        acknowledgementWorkingDays.put(event.type(), event.workingDays());
    }

    /** The directory is the partnership's own business, and its admins' alone; to everyone else it does not exist. */
    private static void requireAdmin(Actor actor, PartnershipId partnership) {
        requireSamePartnership(actor, partnership);
        requireAnyRole(actor, ADMIN, "change the partnership directory");
    }

    /** An agency that is not in this partnership names no record here. */
    private void requireActive(AgencyId agency, String action) {
        AgencyStatus status = agency == null ? null : agencies.get(agency);
        if (status == null) {
            throw new NotVisible();
        }
        if (status != AgencyStatus.ACTIVE) {
            throw new IllegalTransition("agency", action, status);
        }
    }

    private static String requireName(String name, String of) {
        if (name == null || name.isBlank()) {
            throw new RuleViolation("name", "Give the " + of + "'s name");
        }
        if (name.strip().length() > RegisterPartnershipCommand.MAX_NAME) {
            throw new RuleViolation("name", "A name is at most " + RegisterPartnershipCommand.MAX_NAME + " characters");
        }
        return name.strip();
    }

    private static boolean isUuid(String value) {
        try {
            UUID.fromString(value);
            return value.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
