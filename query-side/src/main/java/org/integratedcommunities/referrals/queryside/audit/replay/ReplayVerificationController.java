package org.integratedcommunities.referrals.queryside.audit.replay;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.integratedcommunities.referrals.kernel.audit.AccessedRecord;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.queryside.audit.AuditActions;
import org.integratedcommunities.referrals.queryside.web.Problems;
import org.integratedcommunities.referrals.webapi.ApiProblemHandler;
import org.integratedcommunities.referrals.webapi.CurrentActor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Verified replay for auditors: start one ({@code POST}, 202 with where to follow it), then follow its progress and
 * read its report ({@code GET}). The report lists every difference between the live read models and a rebuild from
 * the event store, by table and primary key; an empty list on a healthy store.
 */
@RestController
@RequestMapping("/api/audit/replay-verifications")
class ReplayVerificationController {

    private final ReplayVerifications verifications;
    private final AuditActions auditActions;

    ReplayVerificationController(ReplayVerifications verifications, AuditActions auditActions) {
        this.verifications = verifications;
        this.auditActions = auditActions;
    }

    /**
     * Starts a verified replay: 202, its progress at {@code Location}; 409 while another is running. The report lists
     * the differences in the caller's partnership's rows.
     */
    @PostMapping
    Mono<ResponseEntity<Object>> start(ServerWebExchange exchange) {
        return CurrentActor.get()
                .flatMap(caller -> caller.hasRole(Role.AUDITOR)
                        ? auditActions
                                .logged(AccessedRecord.REPLAY_VERIFICATION, List.of())
                                .map(actor -> started(actor, exchange))
                        : Mono.just(Problems.forbidden("Only auditors run a verified replay.", exchange)));
    }

    private ResponseEntity<Object> started(Actor actor, ServerWebExchange exchange) {
        return verifications
                .start(actor.partnershipId())
                .<ResponseEntity<Object>>map(run -> ResponseEntity.accepted()
                        .location(URI.create("/api/audit/replay-verifications/" + run.id()))
                        .body(run))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.CONFLICT)
                        .body(ApiProblemHandler.problem(
                                HttpStatus.CONFLICT,
                                "A verification is running",
                                "A verified replay is already running on this server; try again when it ends.",
                                exchange)));
    }

    /** A run's state ({@code RUNNING}, {@code DONE}, {@code FAILED}), its progress in events, and its report once done. */
    @GetMapping("/{runId}")
    Mono<ResponseEntity<Object>> progress(@PathVariable String runId, ServerWebExchange exchange) {
        return CurrentActor.get().map(actor -> {
            if (!actor.hasRole(Role.AUDITOR)) {
                return Problems.forbidden("Only auditors run a verified replay.", exchange);
            }
            UUID id;
            try {
                id = UUID.fromString(runId);
            } catch (IllegalArgumentException e) {
                return Problems.notFound(exchange);
            }
            return verifications
                    .find(id, actor.partnershipId())
                    .<ResponseEntity<Object>>map(ResponseEntity::ok)
                    .orElseGet(() -> Problems.notFound(exchange));
        });
    }
}
