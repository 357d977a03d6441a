package org.integratedcommunities.referrals.commandside.directory;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;

/**
 * The directory's starting content, {@code directory/partnerships.json} (kept in step with the Keycloak realm): the
 * partnerships, their agencies and the kinds of referral each takes, and for each partnership the agency its admins
 * belong to, for which the start-up registration acts ({@link DirectoryBootstrap}).
 */
record DirectorySeed(List<SeedPartnership> partnerships) {

    DirectorySeed {
        partnerships = List.copyOf(partnerships);
        for (SeedPartnership partnership : partnerships) {
            if (partnership.agencies().stream().noneMatch(a -> a.id().equals(partnership.adminAgency()))) {
                throw new IllegalArgumentException("The admin agency of " + partnership.id() + " must be one of its"
                        + " agencies, was " + partnership.adminAgency());
            }
        }
    }

    static DirectorySeed read(ObjectMapper mapper, InputStream json) {
        try (json) {
            return mapper.readValue(Objects.requireNonNull(json, "seed"), DirectorySeed.class);
        } catch (IOException e) {
            throw new UncheckedIOException("The partnership directory seed cannot be read", e);
        }
    }

    /** The seed as a directory in memory, for tests. */
    PartnershipDirectory directory() {
        Map<AgencyId, PartnershipId> partnershipOfAgency = partnerships.stream()
                .flatMap(p -> p.agencies().stream().map(a -> Map.entry(a.id(), p.id())))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Map<AgencyId, Set<ReferralType>> services = partnerships.stream()
                .flatMap(p -> p.agencies().stream())
                .collect(Collectors.toMap(SeedAgency::id, SeedAgency::servicesOffered));
        return new PartnershipDirectory() {
            @Override
            public boolean isAgencyOf(PartnershipId partnership, AgencyId agency) {
                return partnership.equals(partnershipOfAgency.get(agency));
            }

            @Override
            public boolean offers(PartnershipId partnership, AgencyId agency, ReferralType type) {
                return isAgencyOf(partnership, agency) && services.get(agency).contains(type);
            }

            @Override
            public Optional<PartnershipId> partnershipOf(AgencyId agency) {
                return Optional.ofNullable(partnershipOfAgency.get(agency));
            }
        };
    }

    record SeedPartnership(PartnershipId id, String name, AgencyId adminAgency, List<SeedAgency> agencies) {

        SeedPartnership {
            agencies = List.copyOf(agencies);
        }
    }

    record SeedAgency(AgencyId id, String name, Set<ReferralType> servicesOffered) {

        SeedAgency {
            servicesOffered = servicesOffered == null ? Set.of() : Set.copyOf(servicesOffered);
        }
    }
}
