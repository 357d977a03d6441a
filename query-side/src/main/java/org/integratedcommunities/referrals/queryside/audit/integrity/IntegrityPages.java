package org.integratedcommunities.referrals.queryside.audit.integrity;

import java.time.Instant;
import java.util.Map;
import org.integratedcommunities.referrals.queryside.audit.Auditors;
import org.integratedcommunities.referrals.queryside.ui.Pages;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import reactor.core.publisher.Mono;

/**
 * The integrity page for the auditor: runs the same verification as {@code GET /api/audit/integrity} ({@link Integrity},
 * logged the same way) and says "intact", or the first bad position and what is wrong there in plain words; and the
 * signed checkpoints with the public key as a download, as {@code GET /api/audit/checkpoints} gives them.
 */
@Pages
@Controller
class IntegrityPages {

    /** What each kind of problem means, for people. */
    static final Map<ChainProblem.Kind, String> MEANINGS = Map.of(
            ChainProblem.Kind.CHANGED,
            "An event was changed after it was stored: what is stored at this position differs from what was chained.",
            ChainProblem.Kind.MISSING,
            "An event was removed: the event chained at this position is gone.",
            ChainProblem.Kind.UNEXPECTED,
            "An event was added: there is an event at a position where the chain has none.",
            ChainProblem.Kind.OUT_OF_ORDER,
            "Events were moved or swapped: the event at this position was chained at another position.",
            ChainProblem.Kind.CHAIN_ALTERED,
            "The chain itself was edited: its link at this position does not follow from the one before.",
            ChainProblem.Kind.CHECKPOINT_MISMATCH,
            "Events and chain were rewritten together: a signed checkpoint disagrees with the chain recomputed from the"
                    + " events.",
            ChainProblem.Kind.CHECKPOINT_INVALID,
            "A checkpoint was altered or forged: its signature does not verify with the service's public key.");

    private final Integrity integrity;

    IntegrityPages(Integrity integrity) {
        this.integrity = integrity;
    }

    @GetMapping("/audit/integrity")
    Mono<String> page(Model model) {
        model.addAttribute("nav", "audit");
        return Auditors.signedIn().thenReturn("audit/integrity");
    }

    /** Verifies now (a read of the whole store: seconds per hundred thousand events) and shows the result. */
    @GetMapping("/audit/integrity/check")
    Mono<String> check(Model model) {
        model.addAttribute("nav", "audit");
        return Auditors.signedIn().then(integrity.verify()).map(result -> {
            model.addAttribute("result", result);
            model.addAttribute("checkedAt", Instant.now());
            model.addAttribute(
                    "meaning",
                    result.intact() ? null : MEANINGS.get(result.firstProblem().kind()));
            return "audit/integrity";
        });
    }

    @GetMapping("/audit/integrity/checkpoints.json")
    Mono<ResponseEntity<CheckpointExport>> checkpoints() {
        return Auditors.signedIn()
                .then(integrity.checkpoints())
                .map(export -> ResponseEntity.ok()
                        .cacheControl(CacheControl.noStore())
                        .contentType(MediaType.APPLICATION_JSON)
                        .header(
                                HttpHeaders.CONTENT_DISPOSITION,
                                ContentDisposition.attachment()
                                        .filename("event-chain-checkpoints.json")
                                        .build()
                                        .toString())
                        .body(export));
    }
}
