package org.integratedcommunities.referrals.queryside.escalation;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.queryside.web.ListParameters;
import org.integratedcommunities.referrals.queryside.web.Problems;
import org.integratedcommunities.referrals.queryside.web.ReadModelReads;
import org.integratedcommunities.referrals.webapi.CurrentActor;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The escalations of breached deadlines (an acknowledgement overdue, a move-on period ending with needs open, a LADO
 * notification overdue), for those they escalate to: the partnership coordinator sees all of the partnership's; an
 * agency manager those against its agency; the safeguarding lead those against its agency, including the
 * out-of-school-settings concerns that only it sees on the receiving side. Anyone else is refused (403). No personal
 * data: ids, agencies, vocabularies and times.
 */
@RestController
@RequestMapping("/api/escalations")
class EscalationQueryController {

    /** The roles escalations go to (the domain: "a breach escalates to the agency manager and the coordinator"). */
    static final Set<Role> ESCALATED_TO =
            EnumSet.of(Role.PARTNERSHIP_COORDINATOR, Role.AGENCY_MANAGER, Role.SAFEGUARDING_LEAD);

    private final EscalationRepository escalations;
    private final ReadModelReads reads;

    EscalationQueryController(EscalationRepository escalations, ReadModelReads reads) {
        this.escalations = escalations;
        this.reads = reads;
    }

    /**
     * One page of the escalations the caller may see.
     *
     * @param state {@code open} (default: nothing has ended it yet), {@code resolved} or {@code all}
     * @param kind any of these kinds, repeated or comma-separated; all if absent
     * @param type any of these referral types, repeated or comma-separated; all if absent
     * @param agency only escalations against this receiving agency (by id)
     * @param sort {@code escalatedAt} (default, newest first) or {@code dueAt} (soonest first), optionally followed by
     *     {@code ,asc} or {@code ,desc}
     * @param page the page, from 0 (default) to 10000
     * @param size escalations per page, 1 to 200 (default 50)
     */
    @GetMapping
    @Operation(
            summary = "Escalations of breached deadlines, for managers and the partnership coordinator",
            description = """
                    Every escalation the platform raised: `ACKNOWLEDGEMENT_OVERDUE`, `MOVE_ON_PERIOD_ENDING` (with the \
                    move-on needs still open) and `LADO_NOTIFICATION_OVERDUE`, against the agency that had the \
                    referral when it escalated (a later redirect does not move it), and what ended it: `ACCEPTED`, \
                    `DECLINED`, `RETURNED_FOR_INFORMATION`, `NEEDS_MET`, `LADO_INFORMED`, `OUTCOME_RECORDED`, \
                    `REDIRECTED`, `WITHDRAWN`, `CLOSED` or `SUSPENDED`. The partnership coordinator sees the whole \
                    partnership's; an agency manager or safeguarding lead those against their own agency (an \
                    out-of-school-settings concern's only the safeguarding lead); anyone else is refused (403).

                    Filters: `state` = `open` (default), `resolved` or `all`; `kind` and `type` (referral type), each \
                    repeated or comma-separated; `agency` (the receiving agency's id). `sort` = `escalatedAt` \
                    (default, newest first) or `dueAt` (soonest first), either with `,asc` or `,desc`; `page` from 0 \
                    and `size` up to 200 (default 50). No personal data.\
                    """)
    @ApiResponse(
            responseCode = "200",
            description = "One page of escalations, `total` counting every match",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = EscalationPage.class)))
    Mono<ResponseEntity<Object>> list(
            @RequestParam(required = false) String state,
            @RequestParam(required = false) List<String> kind,
            @RequestParam(required = false) List<String> type,
            @RequestParam(required = false) String agency,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String size,
            ServerWebExchange exchange) {
        return CurrentActor.get().flatMap(actor -> {
            if (!actor.hasAnyRole(ESCALATED_TO)) {
                return Mono.just(Problems.forbidden("Your role does not allow you to see escalations.", exchange));
            }
            EscalationListQuery.Parsed parsed = EscalationListQuery.parse(state, kind, type, agency, sort, page, size);
            if (parsed.query() == null) {
                return Mono.just(ListParameters.invalid(parsed.errors(), exchange));
            }
            return reads.read(actor, read -> escalations.page(read, parsed.query()))
                    .map(ResponseEntity::<Object>ok);
        });
    }
}
