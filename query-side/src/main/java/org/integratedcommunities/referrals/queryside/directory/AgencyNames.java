package org.integratedcommunities.referrals.queryside.directory;

import java.util.Map;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;

/**
 * The names of the agencies of one partnership, for showing agencies to people (as {@code agencyNames} on every page
 * of the web UI): {@code ${agencyNames.of(r.receivingAgencyId)}}. An agency it does not know is shown by its id.
 */
public record AgencyNames(Map<String, String> byId) {

    /** For a page with nobody signed in: every agency by its id. */
    public static final AgencyNames NONE = new AgencyNames(Map.of());

    public AgencyNames {
        byId = Map.copyOf(byId);
    }

    /** The agency's name, or its id when the directory has no name for it; empty for none. */
    public String of(Object agencyId) {
        if (agencyId == null) {
            return "";
        }
        String id = agencyId instanceof AgencyId agency ? agency.value() : agencyId.toString();
        return byId.getOrDefault(id, id);
    }
}
