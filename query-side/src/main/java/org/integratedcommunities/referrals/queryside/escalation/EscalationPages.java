package org.integratedcommunities.referrals.queryside.escalation;

import java.util.EnumSet;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.queryside.ui.Pages;
import org.integratedcommunities.referrals.queryside.ui.Paging;
import org.integratedcommunities.referrals.queryside.web.ReadModelReads;
import org.integratedcommunities.referrals.webapi.CurrentActor;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The escalation list of the web UI, for the partnership coordinator (the whole partnership's) and for agency
 * managers and safeguarding leads (their agency's), read as {@link EscalationQueryController} reads it: open ones by
 * default, or resolved, or all. Other roles get the 403 page.
 */
@Pages
@Controller
class EscalationPages {

    private final EscalationRepository escalations;
    private final ReadModelReads reads;

    EscalationPages(EscalationRepository escalations, ReadModelReads reads) {
        this.escalations = escalations;
        this.reads = reads;
    }

    @GetMapping("/escalations")
    Mono<String> list(
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String page,
            ServerWebExchange exchange,
            Model model) {
        String chosen = state == null || state.isBlank() ? "open" : state;
        EscalationListQuery.Parsed parsed = EscalationListQuery.parse(
                chosen, null, null, null, null, Paging.apiPage(page), String.valueOf(Paging.SIZE));
        if (parsed.query() == null) {
            return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST));
        }
        model.addAttribute("nav", "escalations");
        model.addAttribute("state", chosen);
        return CurrentActor.get().flatMap(actor -> {
            if (!actor.hasAnyRole(EscalationQueryController.ESCALATED_TO)) {
                return Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN));
            }
            // The coordinator sees figures, not referrals: only managers and leads go on to a referral's page.
            model.addAttribute(
                    "linkReferrals", actor.hasAnyRole(EnumSet.of(Role.AGENCY_MANAGER, Role.SAFEGUARDING_LEAD)));
            return reads.read(actor, read -> escalations.page(read, parsed.query()))
                    .map(found -> {
                        model.addAttribute("escalations", found.items());
                        model.addAttribute("paging", Paging.of(exchange, found.page() + 1, found.total()));
                        return "escalation/list";
                    });
        });
    }
}
