package org.integratedcommunities.referrals.queryside.referral;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.UserId;

/**
 * One event of a referral's history.
 *
 * @param sequence the event's sequence number within the referral (0 is its raise)
 * @param actor who acted, from the event's metadata; null for what the platform did by itself (a deadline that fired)
 * @param summary a short, categorical description
 * @param details the event's categorical values (reasons, agencies, deadlines, needs, outcome), by name
 * @param personalData the personal data the event carries (a question, an answer, a note...), opened; null if none
 */
public record TimelineEntryView(
        long sequence,
        TimelineEntryType type,
        Instant occurredAt,
        Acting actor,
        String summary,
        JsonNode details,
        OpenedText personalData) {

    /**
     * @param roles the actor's realm roles at the time
     */
    public record Acting(UserId userId, AgencyId agencyId, List<String> roles) {

        public Acting {
            roles = List.copyOf(roles);
        }
    }
}
