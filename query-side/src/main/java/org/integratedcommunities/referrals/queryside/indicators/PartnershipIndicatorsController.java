package org.integratedcommunities.referrals.queryside.indicators;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.LocalDate;
import java.time.YearMonth;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.queryside.web.ListParameters;
import org.integratedcommunities.referrals.queryside.web.Problems;
import org.integratedcommunities.referrals.queryside.web.ReadModelReads;
import org.integratedcommunities.referrals.webapi.ApiDocumentation;
import org.integratedcommunities.referrals.webapi.CurrentActor;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The partnership indicators (the "basket of indicators") for the partnership coordinator: aggregated figures of the
 * caller's own partnership, small numbers suppressed ({@link SmallNumbers}), no personal data. Anyone else is refused
 * with 403, and PostgreSQL's row-level security would show them no rows anyway.
 */
@RestController
class PartnershipIndicatorsController {

    static final String PATH = "/api/indicators";

    private final PartnershipIndicatorsRepository indicators;
    private final ReadModelReads reads;

    PartnershipIndicatorsController(PartnershipIndicatorsRepository indicators, ReadModelReads reads) {
        this.indicators = indicators;
        this.reads = reads;
    }

    /**
     * The indicators of the caller's partnership for the referrals made from {@code from} to {@code to}.
     *
     * @param from the first month, {@code YYYY-MM}; default: eleven months before {@code to}
     * @param to the last month, {@code YYYY-MM}, not after the current one; default: the current month (Europe/London)
     */
    @GetMapping(PATH)
    @Operation(summary = "The partnership's indicators (partnership coordinator only)", description = """
                    Aggregated figures of your partnership for the referrals made in the months asked for (the month \
                    a referral was made, in Europe/London; a referral recorded later counts from the day it was \
                    made), whatever became of them later: referrals by month, type and receiving agency with totals \
                    by month and type, by type, by agency and overall; per type, the time to acknowledge (median hours) and the \
                    percentage acknowledged within the SLA; declines by reason; outcomes: employment outcomes and job \
                    starts by hours per week, ESOL outcomes and placements by level, move-on needs met by the end of \
                    the move-on period, out-of-school-settings concerns by category and by action.

                    **Small-number suppression**, as in UK official statistics: every count is \
                    `{"count": 12, "display": "12", "suppressed": false}`, or for 1 to 4 \
                    `{"display": "<5", "suppressed": true}` without the number. Zero is shown as 0: an absence \
                    discloses nobody. Wherever a total is published with its parts and exactly one part is \
                    suppressed, the smallest other non-zero part is suppressed too (the total minus the others would \
                    give it away), and shown as `<5` as well, so that nobody can tell which one is small; a total \
                    under 5 is itself `<5`. A median or percentage from fewer than 5 referrals \
                    is withheld (`[c]`); from none it is not applicable (`[z]`).

                    For the partnership coordinator only; anyone else gets 403.""")
    @ApiResponse(
            responseCode = "200",
            description = "The indicators",
            content = @Content(schema = @Schema(implementation = PartnershipIndicators.class)))
    @ApiResponse(
            responseCode = "400",
            description = "A month that is not YYYY-MM or after the current one, `from` after `to`, or a period of"
                    + " more than " + IndicatorPeriod.MAX_MONTHS + " months (each under `errors`)",
            content =
                    @Content(
                            mediaType = ApiDocumentation.PROBLEM_JSON,
                            schema = @Schema(ref = "#/components/schemas/" + ApiDocumentation.PROBLEM_SCHEMA)))
    @ApiResponse(
            responseCode = "403",
            description = "Not the partnership coordinator",
            content =
                    @Content(
                            mediaType = ApiDocumentation.PROBLEM_JSON,
                            schema = @Schema(ref = "#/components/schemas/" + ApiDocumentation.PROBLEM_SCHEMA)))
    Mono<ResponseEntity<Object>> indicators(
            @Parameter(
                            description = "The first month, YYYY-MM; default: eleven months before `to`",
                            example = "2025-12")
                    @RequestParam(required = false)
                    String from,
            @Parameter(
                            description = "The last month, YYYY-MM, not after the current one; default: the current"
                                    + " month (Europe/London)",
                            example = "2026-11")
                    @RequestParam(required = false)
                    String to,
            ServerWebExchange exchange) {
        return CurrentActor.get().flatMap(actor -> {
            if (!actor.hasRole(Role.PARTNERSHIP_COORDINATOR)) {
                return Mono.just(Problems.forbidden(
                        "Your role does not allow you to see the partnership's indicators.", exchange));
            }
            LocalDate today = LocalDate.now(PartnershipIndicatorsRepository.LONDON);
            IndicatorPeriod.Parsed parsed = IndicatorPeriod.parse(from, to, YearMonth.from(today));
            if (parsed.period() == null) {
                return Mono.just(ListParameters.invalid(parsed.errors(), exchange));
            }
            return read(actor, parsed.period(), today).map(ResponseEntity::ok);
        });
    }

    private Mono<Object> read(Actor actor, IndicatorPeriod period, LocalDate today) {
        return reads.read(
                actor,
                read -> PartnershipIndicators.publish(
                        actor.partnershipId().value(),
                        period.from(),
                        period.to(),
                        indicators.exactFigures(read, period.from(), period.to(), today)));
    }
}
