package org.integratedcommunities.referrals.queryside.audit.integrity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.integratedcommunities.referrals.webapi.ApiDocumentation;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Tamper evidence for the auditor (the role is enforced by the security chain: anyone else gets 403): the event store
 * verified against its chain, and the signed checkpoints to keep elsewhere. Neither carries anyone's data, only
 * positions, counts and hashes; the chain spans every partnership, as the event store does.
 */
@RestController
class IntegrityController {

    static final String INTEGRITY = "/api/audit/integrity";
    static final String CHECKPOINTS = "/api/audit/checkpoints";

    private final Integrity integrity;

    IntegrityController(Integrity integrity) {
        this.integrity = integrity;
    }

    @GetMapping(INTEGRITY)
    @Operation(summary = "Verify the event store against its hash chain (auditor only)", description = """
                    Recomputes the hash chain from every stored event in global order and compares it with the \
                    stored chain and its signed checkpoints (signatures checked with this application's key). \
                    Answers `intact: true`, or the first bad position (`firstProblem.position`, a global index) and \
                    what is wrong there: `CHANGED`, `MISSING`, `UNEXPECTED`, `OUT_OF_ORDER`, `CHAIN_ALTERED`, \
                    `CHECKPOINT_MISMATCH` or `CHECKPOINT_INVALID`. Events newer than the chain's head (not settled \
                    yet) are counted, not checked. Reads the whole store: takes seconds per hundred thousand events. \
                    For the auditor only; anyone else gets 403.""")
    @ApiResponse(
            responseCode = "200",
            description = "The verification's result",
            content = @Content(schema = @Schema(implementation = VerificationResult.class)))
    @ApiResponse(
            responseCode = "403",
            description = "Not an auditor",
            content =
                    @Content(
                            mediaType = ApiDocumentation.PROBLEM_JSON,
                            schema = @Schema(ref = "#/components/schemas/" + ApiDocumentation.PROBLEM_SCHEMA)))
    Mono<ResponseEntity<VerificationResult>> integrity() {
        return integrity.verify().map(IntegrityController::noStore);
    }

    @GetMapping(CHECKPOINTS)
    @Operation(summary = "Export the signed checkpoints of the hash chain (auditor only)", description = """
                    Every signed checkpoint of the event chain (position, link, event count, time, Ed25519 signature) \
                    and the public keyset (Tink JSON) that verifies them. Keep the export somewhere the database's \
                    administrators cannot write, keep the public key apart from it, and verify later with \
                    `infra/audit verify --checkpoints FILE --public-key FILE`: a rewrite of events and chain together \
                    cannot reproduce the signatures. For the auditor only; anyone else gets 403.""")
    @ApiResponse(
            responseCode = "200",
            description = "The checkpoints and the public key",
            content = @Content(schema = @Schema(implementation = CheckpointExport.class)))
    @ApiResponse(
            responseCode = "403",
            description = "Not an auditor",
            content =
                    @Content(
                            mediaType = ApiDocumentation.PROBLEM_JSON,
                            schema = @Schema(ref = "#/components/schemas/" + ApiDocumentation.PROBLEM_SCHEMA)))
    Mono<ResponseEntity<CheckpointExport>> checkpoints() {
        return integrity.checkpoints().map(IntegrityController::noStore);
    }

    private static <T> ResponseEntity<T> noStore(T body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }
}
