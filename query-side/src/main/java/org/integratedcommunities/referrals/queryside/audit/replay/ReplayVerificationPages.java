package org.integratedcommunities.referrals.queryside.audit.replay;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.integratedcommunities.referrals.kernel.audit.AccessedRecord;
import org.integratedcommunities.referrals.queryside.audit.AuditActions;
import org.integratedcommunities.referrals.queryside.audit.Auditors;
import org.integratedcommunities.referrals.queryside.audit.replay.ReplayVerifications.Run;
import org.integratedcommunities.referrals.queryside.ui.Pages;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Verified replay from the auditor's pages, as from {@link ReplayVerificationController}: starting one (a POST form
 * with its CSRF token, logged before it starts) leads to its progress page, which shows events replayed of the total
 * and, once done, the report: per read model the live and rebuilt row counts, and every differing row of the
 * auditor's partnership. The page follows the run without reloading through {@code /app/audit/replay-progress.js},
 * which polls {@code progress}; without JavaScript a "Check progress" button reloads it. Another partnership's run, or
 * none, is the 404 page.
 */
@Pages
@Controller
class ReplayVerificationPages {

    private final ReplayVerifications verifications;
    private final AuditActions auditActions;

    ReplayVerificationPages(ReplayVerifications verifications, AuditActions auditActions) {
        this.verifications = verifications;
        this.auditActions = auditActions;
    }

    @GetMapping("/audit/replay")
    Mono<String> page(Model model) {
        model.addAttribute("nav", "audit");
        return Auditors.signedIn().thenReturn("audit/replay");
    }

    /** Starts a run and goes to its progress (303); while another runs, the page says so (409) and starts nothing. */
    @PostMapping("/audit/replay")
    Mono<String> start(ServerWebExchange exchange, Model model) {
        model.addAttribute("nav", "audit");
        return Auditors.signedIn()
                .then(auditActions.logged(AccessedRecord.REPLAY_VERIFICATION, List.of()))
                .map(auditor -> verifications
                        .start(auditor.partnershipId())
                        .map(run -> "redirect:/audit/replay/" + run.id())
                        .orElseGet(() -> {
                            exchange.getResponse().setStatusCode(HttpStatus.CONFLICT);
                            model.addAttribute("busy", true);
                            return "audit/replay";
                        }));
    }

    @GetMapping("/audit/replay/{runId}")
    Mono<String> run(@PathVariable String runId, Model model) {
        model.addAttribute("nav", "audit");
        return found(runId).map(run -> {
            model.addAttribute("run", run);
            model.addAttribute("percent", percent(run));
            return "audit/replay-run";
        });
    }

    /** The run's state and progress for the page's script; no report (the page shows it once done). */
    @GetMapping("/audit/replay/{runId}/progress")
    Mono<ResponseEntity<Map<String, Object>>> progress(@PathVariable String runId) {
        return found(runId)
                .map(run -> ResponseEntity.ok()
                        .cacheControl(CacheControl.noStore())
                        .body(Map.of(
                                "state", run.state().name(),
                                "eventsReplayed", run.eventsReplayed(),
                                "eventsToReplay", run.eventsToReplay(),
                                "percent", percent(run))));
    }

    private Mono<Run> found(String runId) {
        return Auditors.signedIn()
                .flatMap(auditor -> {
                    try {
                        return Mono.justOrEmpty(verifications.find(UUID.fromString(runId), auditor.partnershipId()));
                    } catch (IllegalArgumentException e) {
                        return Mono.empty();
                    }
                })
                .switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND)));
    }

    private static long percent(Run run) {
        if (run.state() != ReplayVerifications.State.RUNNING) {
            return 100;
        }
        return run.eventsToReplay() == 0 ? 0 : Math.min(100, run.eventsReplayed() * 100 / run.eventsToReplay());
    }
}
