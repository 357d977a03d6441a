package org.integratedcommunities.referrals.queryside.referral;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.queryside.web.EntityTags;
import org.integratedcommunities.referrals.queryside.web.EventStoreRead;
import org.integratedcommunities.referrals.queryside.web.EventStoreReads;
import org.integratedcommunities.referrals.queryside.web.ListParameters;
import org.integratedcommunities.referrals.queryside.web.Problems;
import org.integratedcommunities.referrals.queryside.web.ReadModelReads;
import org.integratedcommunities.referrals.webapi.CurrentActor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Referrals as the caller's agency sees them: what it received (inbox) and what it sent (outbox), filtered, sorted and
 * paged, and one referral in full with its timeline. A referral the caller's agency neither sent nor received answers
 * 404, exactly as one that does not exist, whatever the request's headers.
 */
@RestController
@RequestMapping("/api/referrals")
class ReferralQueryController {

    private final ReferralSummaryRepository summaries;
    private final ReferralDetails details;
    private final ReadModelReads reads;
    private final EventStoreReads eventStoreReads;

    ReferralQueryController(
            ReferralSummaryRepository summaries,
            ReferralDetails details,
            ReadModelReads reads,
            EventStoreReads eventStoreReads) {
        this.summaries = summaries;
        this.details = details;
        this.reads = reads;
        this.eventStoreReads = eventStoreReads;
    }

    /**
     * One page of the caller's referrals, with their total counted up to {@link ReferralPage#COUNT_CAP} past the
     * page's start (beyond that, a lower bound and {@code totalIsExact} false).
     *
     * @param box {@code inbox} (received), {@code outbox} (sent) or {@code all} (default)
     * @param status any of these statuses, repeated or comma-separated; all if absent
     * @param type any of these referral types, repeated or comma-separated; all if absent
     * @param slaBreached {@code true}: only referrals whose acknowledgement SLA was breached; {@code false}: only others
     * @param assignedToMe {@code true}: only referrals assigned to the caller
     * @param caseId only the referrals of this case (the case page's list)
     * @param sort {@code raisedAt} (default, newest first) or {@code acknowledgeBy} (soonest first), optionally
     *     followed by {@code ,asc} or {@code ,desc}
     * @param page the page, from 0 (default) to 10000
     * @param size referrals per page, 1 to 200 (default 50)
     */
    @GetMapping
    @Operation(
            summary = "One page of your agency's referrals, filtered and sorted",
            description = "The referrals your agency received (`box=inbox`), sent (`box=outbox`) or both (`box=all`,"
                    + " the default), filtered by status, type, SLA breach, assignee or case, sorted by when raised"
                    + " (newest first) or by acknowledgement deadline, `size` to a page from `page` 0.\n\n"
                    + "**`total` counts the matching referrals up to " + ReferralPage.COUNT_CAP
                    + " past the page's start**, so that a page costs the same however many referrals an agency has"
                    + " ever received. When `totalIsExact` is true, `total` is how many referrals match; when it is"
                    + " false, there are more than `total` (the page's offset, `page` × `size`, plus "
                    + ReferralPage.COUNT_CAP + "), and the next page has referrals.")
    @ApiResponse(
            responseCode = "200",
            description = "The page, its total and whether the total is exact",
            content = @Content(schema = @Schema(implementation = ReferralPage.class)))
    Mono<ResponseEntity<Object>> list(
            @RequestParam(required = false) String box,
            @RequestParam(required = false) List<String> status,
            @RequestParam(required = false) List<String> type,
            @RequestParam(required = false) String slaBreached,
            @RequestParam(required = false) String assignedToMe,
            @RequestParam(required = false) String caseId,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String size,
            ServerWebExchange exchange) {
        ReferralListQuery.Parsed parsed =
                ReferralListQuery.parse(box, status, type, slaBreached, assignedToMe, caseId, sort, page, size);
        if (parsed.query() == null) {
            return Mono.just(ListParameters.invalid(parsed.errors(), exchange));
        }
        return CurrentActor.get()
                .flatMap(actor -> reads.read(actor, read -> summaries.page(read, parsed.query())))
                .map(ResponseEntity::ok);
    }

    /**
     * One referral in full: what the lists show, its facts, its particulars and the free texts of its timeline opened
     * for the caller. Its {@code ETag} is its version (the sequence of its newest event); with {@code If-None-Match}
     * naming it, the answer is 304 and nothing is opened.
     */
    @GetMapping("/{referralId}")
    Mono<ResponseEntity<Object>> detail(@PathVariable String referralId, ServerWebExchange exchange) {
        ReferralId id;
        try {
            id = ReferralId.parse(referralId);
        } catch (IllegalArgumentException e) {
            return Mono.just(Problems.notFound(exchange));
        }
        List<String> ifNoneMatch = exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.IF_NONE_MATCH);
        return CurrentActor.get()
                .flatMap(actor -> reads.read(actor, read -> details.findVisible(read, id))
                        .flatMap(found -> found.isPresent()
                                ? eventStoreReads.read(events -> answer(found.get(), events, actor, ifNoneMatch))
                                : Mono.just(Problems.notFound(exchange))));
    }

    /** Blocking, off the event loop: the referral is visible to the actor; 304 if unchanged, else opened. */
    private ResponseEntity<Object> answer(
            ReferralDetails.Visible visible, EventStoreRead events, Actor actor, List<String> ifNoneMatch) {
        String entityTag = details.entityTag(visible);
        if (EntityTags.matchesAny(ifNoneMatch, entityTag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                    .eTag(entityTag)
                    .build();
        }
        return ResponseEntity.ok().eTag(entityTag).body(details.open(visible, events, actor));
    }
}
