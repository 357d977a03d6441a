package org.integratedcommunities.referrals.queryside.audit.integrity;

import java.util.List;
import org.integratedcommunities.referrals.kernel.audit.AccessedRecord;
import org.integratedcommunities.referrals.queryside.audit.AuditActions;
import org.integratedcommunities.referrals.queryside.web.AuditReads;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Tamper evidence as an auditor asks for it, from the API ({@link IntegrityController}) or the pages
 * ({@link IntegrityPages}): each action first appended to the access log, then the whole store read. The caller has
 * checked the auditor role.
 */
@Component
class Integrity {

    private final AuditReads reads;
    private final AuditActions auditActions;
    private final SigningKeys keys;

    Integrity(AuditReads reads, AuditActions auditActions, SigningKeys keys) {
        this.reads = reads;
        this.auditActions = auditActions;
        this.keys = keys;
    }

    /** The live store verified against its chain, the database's checkpoints checked with this application's key. */
    Mono<VerificationResult> verify() {
        ChainVerifier verifier = new ChainVerifier(keys.publicKeys(), List.of());
        return auditActions
                .logged(AccessedRecord.INTEGRITY_VERIFICATION, List.of())
                .then(reads.read(verifier::verify));
    }

    /** Every signed checkpoint and the public keyset that verifies them. */
    Mono<CheckpointExport> checkpoints() {
        return auditActions
                .logged(AccessedRecord.CHECKPOINT_EXPORT, List.of())
                .then(reads.read(connection -> CheckpointExport.read(connection, keys.publicKeys())));
    }
}
