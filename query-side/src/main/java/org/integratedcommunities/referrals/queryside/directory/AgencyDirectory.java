package org.integratedcommunities.referrals.queryside.directory;

import java.util.HashMap;
import java.util.Map;
import org.integratedcommunities.referrals.kernel.directory.AgencyRegisteredEvent;
import org.integratedcommunities.referrals.queryside.web.ActorRead;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The agencies' names ({@code agency_directory}). Writes (the projection) are idempotent: registering an agency again
 * sets the same name. Reads run as an actor (row-level security: the actor's own partnership) and are scoped in this
 * SQL too.
 */
@Repository
public class AgencyDirectory {

    private final NamedParameterJdbcTemplate jdbc;

    AgencyDirectory(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void register(AgencyRegisteredEvent event) {
        jdbc.update(
                "INSERT INTO agency_directory (partnership_id, agency_id, name) VALUES (:partnership, :agency, :name)"
                        + " ON CONFLICT (partnership_id, agency_id) DO UPDATE SET name = EXCLUDED.name",
                new MapSqlParameterSource()
                        .addValue("partnership", event.partnershipId().value())
                        .addValue("agency", event.agencyId().value())
                        .addValue("name", event.name()));
    }

    void deleteAll() {
        jdbc.getJdbcTemplate().update("DELETE FROM agency_directory");
    }

    /** The names of the reader's partnership's agencies. */
    public AgencyNames names(ActorRead read) {
        Map<String, String> names = new HashMap<>();
        read.jdbc()
                .query(
                        "SELECT agency_id, name FROM agency_directory WHERE partnership_id = :partnership",
                        Map.of("partnership", read.actor().partnershipId().value()),
                        row -> {
                            names.put(row.getString("agency_id"), row.getString("name"));
                        });
        return new AgencyNames(names);
    }
}
