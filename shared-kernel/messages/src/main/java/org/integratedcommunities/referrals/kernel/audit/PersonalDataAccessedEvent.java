package org.integratedcommunities.referrals.kernel.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.identity.UserId;

/**
 * An entry of the access log: someone was shown personal data. Appended to the event store before the data is shown,
 * so the log is as append-only and as tamper-evident as the events themselves. Names records by id only: the log holds
 * no personal data of the people read about.
 *
 * @param accessId the entry's own id
 * @param roles the reader's realm roles, comma-separated, as on every event's metadata
 * @param recordIds the cases or referrals shown (one for a detail, a page's worth for a list)
 */
@Revision("1")
public record PersonalDataAccessedEvent(
        UUID accessId,
        PartnershipId partnershipId,
        AgencyId agencyId,
        UserId userId,
        String roles,
        AccessedRecord record,
        List<String> recordIds,
        AccessPurpose purpose,
        Instant accessedAt) {

    public PersonalDataAccessedEvent {
        recordIds = recordIds == null ? List.of() : List.copyOf(recordIds);
    }
}
