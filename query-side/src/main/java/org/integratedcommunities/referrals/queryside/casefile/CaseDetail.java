package org.integratedcommunities.referrals.queryside.casefile;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.UserId;

/**
 * One case in full for its holding agency: the case, the person opened for this reader, and the case's history (who
 * opened it, every lawful basis recorded, consent withdrawn, erasure). Its referrals are listed by
 * {@code GET /api/referrals?caseId=...}.
 */
public record CaseDetail(CaseView caseFile, OpenedPerson person, List<HistoryEntry> history) {

    /**
     * @param actor who did it (from the event's metadata); null for what the platform did by itself
     * @param details the entry's categorical content: the basis, who gave consent, purposes, agencies
     */
    public record HistoryEntry(
            long sequence, CaseHistoryEntryType type, Instant occurredAt, Acting actor, JsonNode details) {}

    public record Acting(UserId userId, AgencyId agencyId, List<String> roles) {}
}
