package org.integratedcommunities.referrals.queryside.audit.history;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.queryside.referral.ReferralAsAt;
import org.integratedcommunities.referrals.queryside.web.ListParameters;
import org.integratedcommunities.referrals.queryside.web.Problems;
import org.integratedcommunities.referrals.webapi.CurrentActor;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A referral's or a case's history for the partnership's auditors: its state and its timeline (every event: when, who, from which
 * agency, in which roles, what changed in plain words) as they stood at any chosen moment, rebuilt from the event store
 * for each request ({@link ReferralAsAt}). Read-only, limited to the auditor's own partnership (another partnership's
 * referral answers 404, as one that does not exist), and itself recorded in the access log.
 */
@RestController
@RequestMapping("/api/audit")
class AuditedRecordsController {

    private static final String ONLY_AUDITORS = "Only auditors see a record's history.";

    private final AuditedRecords records;
    private final Clock clock = Clock.systemUTC();

    AuditedRecordsController(AuditedRecords records) {
        this.records = records;
    }

    /**
     * The case as it stood at {@code asAt} (default: now): its lawful bases, consent, erasure and its history up to
     * then, without the person (who stays sealed). 404 if it had not been opened by then.
     *
     * @param asAt an instant (ISO-8601, e.g. {@code 2026-11-20T09:30:00Z})
     */
    @GetMapping("/cases/{caseId}")
    Mono<ResponseEntity<Object>> caseFile(
            @PathVariable String caseId, @RequestParam(required = false) String asAt, ServerWebExchange exchange) {
        CaseId id;
        try {
            id = CaseId.parse(caseId);
        } catch (IllegalArgumentException e) {
            return Mono.just(Problems.notFound(exchange));
        }
        List<Map<String, String>> errors = new ArrayList<>();
        Instant given = ListParameters.instant(asAt, "asAt", errors);
        if (!errors.isEmpty()) {
            return Mono.just(ListParameters.invalid(errors, exchange));
        }
        Instant moment = given == null ? clock.instant() : given;
        return CurrentActor.get().flatMap(actor -> {
            if (!actor.hasRole(Role.AUDITOR)) {
                return Mono.just(Problems.forbidden(ONLY_AUDITORS, exchange));
            }
            return records.caseFile(actor, id, moment)
                    .map(rebuilt -> rebuilt.asAt()
                            .<ResponseEntity<Object>>map(ResponseEntity::ok)
                            .orElseGet(() -> Problems.notFound(exchange)));
        });
    }

    /**
     * The referral as it stood at {@code asAt} (default: now), with its history up to then. No personal data: sealed
     * parts are named as withheld. 404 if it had not been raised by then.
     *
     * @param asAt an instant (ISO-8601, e.g. {@code 2026-11-20T09:30:00Z})
     */
    @GetMapping("/referrals/{referralId}")
    Mono<ResponseEntity<Object>> referral(
            @PathVariable String referralId, @RequestParam(required = false) String asAt, ServerWebExchange exchange) {
        Optional<ReferralId> id = parseReferralId(referralId);
        if (id.isEmpty()) {
            return Mono.just(Problems.notFound(exchange));
        }
        List<Map<String, String>> errors = new ArrayList<>();
        Instant given = ListParameters.instant(asAt, "asAt", errors);
        if (!errors.isEmpty()) {
            return Mono.just(ListParameters.invalid(errors, exchange));
        }
        Instant moment = given == null ? clock.instant() : given;
        return CurrentActor.get().flatMap(actor -> {
            if (!actor.hasRole(Role.AUDITOR)) {
                return Mono.just(Problems.forbidden(ONLY_AUDITORS, exchange));
            }
            return records.referral(actor, id.get(), moment)
                    .map(rebuilt -> rebuilt.asAt()
                            .<ResponseEntity<Object>>map(ResponseEntity::ok)
                            .orElseGet(() -> Problems.notFound(exchange)));
        });
    }

    private static Optional<ReferralId> parseReferralId(String text) {
        try {
            return Optional.of(ReferralId.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
