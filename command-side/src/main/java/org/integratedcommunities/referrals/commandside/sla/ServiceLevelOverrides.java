package org.integratedcommunities.referrals.commandside.sla;

import java.util.OptionalInt;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;

/**
 * A source of partnership-specific service levels that replace {@link ServiceLevels}' defaults: the partnership
 * directory (what a partnership's admins set; {@code commandside.directory}, asked first) and configuration
 * ({@link ConfiguredServiceLevelOverrides}, asked last). Declare more sources as beans: {@link SlaConfiguration} asks
 * them in {@link org.springframework.core.annotation.Order @Order}, the first that knows a value wins.
 */
@FunctionalInterface
public interface ServiceLevelOverrides {

    /** The acknowledgement SLA in working days this source sets for {@code type} in the partnership, if any. */
    OptionalInt acknowledgementWorkingDays(PartnershipId partnershipId, ReferralType type);

    /** No overrides: every partnership has the defaults. */
    static ServiceLevelOverrides none() {
        return (partnershipId, type) -> OptionalInt.empty();
    }

    /** This source, and where it knows nothing, {@code next}. */
    default ServiceLevelOverrides orElse(ServiceLevelOverrides next) {
        return (partnershipId, type) -> {
            OptionalInt value = acknowledgementWorkingDays(partnershipId, type);
            return value.isPresent() ? value : next.acknowledgementWorkingDays(partnershipId, type);
        };
    }
}
