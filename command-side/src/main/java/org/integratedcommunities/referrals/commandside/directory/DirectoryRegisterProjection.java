package org.integratedcommunities.referrals.commandside.directory;

import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.integratedcommunities.referrals.kernel.directory.AcknowledgementServiceLevelSetEvent;
import org.integratedcommunities.referrals.kernel.directory.AgencyRegisteredEvent;
import org.integratedcommunities.referrals.kernel.directory.AgencyRetiredEvent;
import org.integratedcommunities.referrals.kernel.directory.AgencyServicesChangedEvent;
import org.integratedcommunities.referrals.kernel.directory.PartnershipRegisteredEvent;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The directory register: partnerships, agencies and acknowledgement service levels as the {@link Partnership}
 * aggregates decided them. Subscribing: it runs in the transaction that stores the directory events, so an agency
 * can be referred to, and a service level applies, from the moment its event is stored. Organisation names only.
 */
@Component
@ProcessingGroup(DirectoryRegisterProjection.PROCESSING_GROUP)
class DirectoryRegisterProjection implements PartnershipDirectory {

    static final String PROCESSING_GROUP = "directory-register";

    private final JdbcTemplate jdbc;

    DirectoryRegisterProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PartnershipRegisteredEvent event) {
        jdbc.update(
                "INSERT INTO directory_register (partnership_id, name) VALUES (?, ?)"
                        + " ON CONFLICT (partnership_id) DO NOTHING",
                event.partnershipId().value(),
                event.name());
    }

    /** No ON CONFLICT: an agency id already registered by any partnership fails the command (ids are unique). */
    @EventHandler
    void on(AgencyRegisteredEvent event) {
        jdbc.update(
                "INSERT INTO agency_register (agency_id, partnership_id, name, services_offered) VALUES (?, ?, ?, ?)",
                event.agencyId().value(),
                event.partnershipId().value(),
                event.name(),
                join(event.servicesOffered()));
    }

    @EventHandler
    void on(AgencyServicesChangedEvent event) {
        jdbc.update(
                "UPDATE agency_register SET services_offered = ? WHERE agency_id = ?",
                join(event.servicesOffered()),
                event.agencyId().value());
    }

    @EventHandler
    void on(AgencyRetiredEvent event) {
        jdbc.update(
                "UPDATE agency_register SET retired = TRUE WHERE agency_id = ?",
                event.agencyId().value());
    }

    @EventHandler
    void on(AcknowledgementServiceLevelSetEvent event) {
        jdbc.update(
                "INSERT INTO service_level_register (partnership_id, referral_type, acknowledgement_working_days)"
                        + " VALUES (?, ?, ?) ON CONFLICT (partnership_id, referral_type)"
                        + " DO UPDATE SET acknowledgement_working_days = EXCLUDED.acknowledgement_working_days",
                event.partnershipId().value(),
                event.type().name(),
                event.workingDays());
    }

    @Override
    public boolean isAgencyOf(PartnershipId partnership, AgencyId agency) {
        return activeServices(partnership, agency).isPresent();
    }

    @Override
    public boolean offers(PartnershipId partnership, AgencyId agency, ReferralType type) {
        return activeServices(partnership, agency)
                .map(services -> services.contains(type))
                .orElse(false);
    }

    @Override
    public Optional<PartnershipId> partnershipOf(AgencyId agency) {
        return jdbc
                .queryForList(
                        "SELECT partnership_id FROM agency_register WHERE agency_id = ?", String.class, agency.value())
                .stream()
                .findFirst()
                .map(PartnershipId::new);
    }

    /** The partnership's acknowledgement service level for the type, if its admins set one. */
    OptionalInt acknowledgementWorkingDays(PartnershipId partnership, ReferralType type) {
        return jdbc
                .queryForList(
                        "SELECT acknowledgement_working_days FROM service_level_register"
                                + " WHERE partnership_id = ? AND referral_type = ?",
                        Integer.class,
                        partnership.value(),
                        type.name())
                .stream()
                .mapToInt(Integer::intValue)
                .findFirst();
    }

    /** Whether any partnership is registered: the directory has been started. */
    boolean anyPartnership() {
        return Boolean.TRUE.equals(
                jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM directory_register)", Boolean.class));
    }

    private Optional<Set<ReferralType>> activeServices(PartnershipId partnership, AgencyId agency) {
        return jdbc
                .queryForList(
                        "SELECT services_offered FROM agency_register"
                                + " WHERE agency_id = ? AND partnership_id = ? AND NOT retired",
                        String.class,
                        agency.value(),
                        partnership.value())
                .stream()
                .findFirst()
                .map(DirectoryRegisterProjection::split);
    }

    private static String join(Collection<ReferralType> types) {
        return types.stream().map(ReferralType::name).sorted().collect(Collectors.joining(","));
    }

    private static Set<ReferralType> split(String joined) {
        return joined == null || joined.isBlank()
                ? Set.of()
                : Arrays.stream(joined.split(",")).map(ReferralType::valueOf).collect(Collectors.toSet());
    }
}
