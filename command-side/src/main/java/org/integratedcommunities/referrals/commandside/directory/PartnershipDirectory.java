package org.integratedcommunities.referrals.commandside.directory;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Optional;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;

/**
 * Which agencies belong to which partnership, and what they take, as the {@link Partnership} aggregates decided. In
 * the application this is the directory register ({@link DirectoryRegisterProjection}), current within the
 * transaction that stores the directory's events; aggregates get it as a handler parameter.
 */
public interface PartnershipDirectory {

    /** Whether the agency exists, is not retired, and belongs to the partnership. */
    boolean isAgencyOf(PartnershipId partnership, AgencyId agency);

    /** Whether the agency is one of the partnership's (see {@link #isAgencyOf}) and takes referrals of the type. */
    boolean offers(PartnershipId partnership, AgencyId agency, ReferralType type);

    /** The partnership that registered the agency id, even if the agency has since retired: ids are never reused. */
    Optional<PartnershipId> partnershipOf(AgencyId agency);

    /** The directory of the seed file (e.g. {@code directory/partnerships.json}), in memory: for tests. */
    static PartnershipDirectory fromSeed(ObjectMapper mapper, InputStream json) {
        return DirectorySeed.read(mapper, json).directory();
    }
}
