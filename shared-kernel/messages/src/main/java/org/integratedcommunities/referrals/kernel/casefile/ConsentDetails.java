package org.integratedcommunities.referrals.kernel.casefile;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import java.time.LocalDate;
import java.util.Set;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;

/**
 * Consent as the person gave it: by whom, when, for which kinds of referral and to which agencies.
 *
 * @param agencies the agencies the person agreed to share with; empty means any agency of the partnership
 */
public record ConsentDetails(
        @NotNull ConsentGivenBy givenBy,
        @NotNull @PastOrPresent LocalDate givenOn,
        @NotEmpty Set<@NotNull ReferralType> purposes,
        Set<@NotNull AgencyId> agencies) {

    public ConsentDetails {
        purposes = purposes == null ? Set.of() : Set.copyOf(purposes);
        agencies = agencies == null ? Set.of() : Set.copyOf(agencies);
    }

    public boolean covers(ReferralType type, AgencyId agency) {
        return purposes.contains(type) && (agencies.isEmpty() || agencies.contains(agency));
    }
}
