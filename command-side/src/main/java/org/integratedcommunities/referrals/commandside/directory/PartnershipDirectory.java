package org.integratedcommunities.referrals.commandside.directory;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;

/**
 * Which agencies belong to which partnership. For now the directory is the seed file {@code directory/partnerships.json}
 * (kept in step with the Keycloak realm); the partnership-directory aggregate will replace it.
 */
public final class PartnershipDirectory {

    private final Map<AgencyId, PartnershipId> partnershipOfAgency;

    PartnershipDirectory(Map<AgencyId, PartnershipId> partnershipOfAgency) {
        this.partnershipOfAgency = Map.copyOf(partnershipOfAgency);
    }

    public static PartnershipDirectory fromSeed(ObjectMapper mapper, InputStream json) {
        try {
            Seed seed = mapper.readValue(json, Seed.class);
            return new PartnershipDirectory(seed.partnerships().stream()
                    .flatMap(p -> p.agencies().stream().map(a -> Map.entry(a.id(), p.id())))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        } catch (IOException e) {
            throw new UncheckedIOException("The partnership directory seed cannot be read", e);
        }
    }

    /** Whether the agency exists and belongs to the partnership. */
    public boolean isAgencyOf(PartnershipId partnership, AgencyId agency) {
        return partnership.equals(partnershipOfAgency.get(agency));
    }

    record Seed(List<SeedPartnership> partnerships) {}

    record SeedPartnership(PartnershipId id, String name, List<SeedAgency> agencies) {}

    record SeedAgency(AgencyId id, String name) {}
}
