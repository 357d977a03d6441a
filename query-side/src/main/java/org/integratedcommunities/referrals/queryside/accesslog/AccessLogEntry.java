package org.integratedcommunities.referrals.queryside.accesslog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.integratedcommunities.referrals.kernel.audit.AccessPurpose;
import org.integratedcommunities.referrals.kernel.audit.AccessedRecord;

/**
 * One entry of the access log as an auditor sees it: who (user, agency, roles), what (the kind of record and their
 * ids), when, and why (the reader's relationship to the record).
 */
public record AccessLogEntry(
        UUID accessId,
        String userId,
        String agencyId,
        List<String> roles,
        AccessedRecord record,
        List<String> recordIds,
        AccessPurpose purpose,
        Instant accessedAt) {}
