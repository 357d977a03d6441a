package org.integratedcommunities.referrals.queryside.casefile;

import java.util.List;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.queryside.casefile.CaseFileRepository.StoredCase;
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
 * The cases the caller's agency holds: a page of them with each person's name and date of birth, and one case in full
 * with its history. Only the holding agency, in a role that works with cases, sees a case; to anyone else a case
 * answers 404, exactly as one that does not exist. A case's referrals are listed by
 * {@code GET /api/referrals?caseId=...}.
 */
@RestController
@RequestMapping("/api/cases")
class CaseQueryController {

    private final CaseFileRepository cases;
    private final CasePersonalData personalData;
    private final ReadModelReads reads;
    private final EventStoreReads eventStoreReads;

    CaseQueryController(
            CaseFileRepository cases,
            CasePersonalData personalData,
            ReadModelReads reads,
            EventStoreReads eventStoreReads) {
        this.cases = cases;
        this.personalData = personalData;
        this.reads = reads;
        this.eventStoreReads = eventStoreReads;
    }

    /** One page of the caller's cases; {@code items} as {@link CaseListItem}. */
    record CaseListPage(List<CaseListItem> items, int page, int size, long total) {}

    /**
     * One page of the cases the caller's agency holds, each with the person's name and date of birth opened for the
     * caller. Roles that do not work with cases (coordinator, auditor, admin) get 403.
     *
     * @param sort {@code openedAt} (default) or {@code lastChangedAt}, newest first unless followed by {@code ,asc}
     * @param page the page, from 0 (default) to 10000
     * @param size cases per page, 1 to 200 (default 50)
     */
    @GetMapping
    Mono<ResponseEntity<Object>> list(
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String size,
            ServerWebExchange exchange) {
        CaseListQuery.Parsed parsed = CaseListQuery.parse(sort, page, size);
        if (parsed.query() == null) {
            return Mono.just(ListParameters.invalid(parsed.errors(), exchange));
        }
        return CurrentActor.get().flatMap(actor -> {
            if (!actor.hasAnyRole(CaseFileRepository.CASE_WORKING_ROLES)) {
                return Mono.just(Problems.forbidden("Your role does not allow you to see cases.", exchange));
            }
            return reads.read(actor, read -> cases.page(read, parsed.query()))
                    .flatMap(stored -> eventStoreReads.read(events -> personalData.openPage(stored, events, actor)))
                    .map(ResponseEntity::ok);
        });
    }

    /**
     * One case in full: the case, the person's details opened for the caller, and its history. Its {@code ETag} is
     * its version (marked once the person is erased); with {@code If-None-Match} naming it, the answer is 304 and
     * nothing is opened.
     */
    @GetMapping("/{caseId}")
    Mono<ResponseEntity<Object>> detail(@PathVariable String caseId, ServerWebExchange exchange) {
        CaseId id;
        try {
            id = CaseId.parse(caseId);
        } catch (IllegalArgumentException e) {
            return Mono.just(Problems.notFound(exchange));
        }
        List<String> ifNoneMatch = exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.IF_NONE_MATCH);
        return CurrentActor.get()
                .flatMap(actor -> reads.read(
                                actor,
                                read -> cases.findVisible(read, id)
                                        .map(stored -> new Visible(
                                                stored,
                                                cases.history(
                                                        read, id, stored.view().version()))))
                        .flatMap(found -> found.isPresent()
                                ? eventStoreReads.read(events -> answer(found.get(), events, ifNoneMatch, actor))
                                : Mono.just(Problems.notFound(exchange))));
    }

    /** What the read model holds of a case the actor may see. */
    private record Visible(StoredCase stored, List<CaseDetail.HistoryEntry> history) {}

    /** Blocking, off the event loop: 304 if unchanged, else the case with its person opened. */
    private ResponseEntity<Object> answer(
            Visible visible, EventStoreRead events, List<String> ifNoneMatch, Actor actor) {
        boolean erased = personalData.isErased(visible.stored().subject());
        String entityTag = "\"" + visible.stored().view().version() + (erased ? "-erased" : "") + "\"";
        if (EntityTags.matchesAny(ifNoneMatch, entityTag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                    .eTag(entityTag)
                    .build();
        }
        CaseView view = visible.stored().view();
        return ResponseEntity.ok()
                .eTag(entityTag)
                .body(new CaseDetail(view, personalData.open(events, view.caseId(), actor), visible.history()));
    }
}
