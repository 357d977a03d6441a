package org.integratedcommunities.referrals.queryside.indicators;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.queryside.directory.AgencyDirectory;
import org.integratedcommunities.referrals.queryside.directory.AgencyNames;
import org.integratedcommunities.referrals.queryside.ui.Form;
import org.integratedcommunities.referrals.queryside.ui.Labels;
import org.integratedcommunities.referrals.queryside.ui.Pages;
import org.integratedcommunities.referrals.queryside.web.ReadModelReads;
import org.integratedcommunities.referrals.webapi.CurrentActor;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The partnership coordinator's indicators page: the same figures as {@code GET /api/indicators}, read and published
 * the same way (small numbers suppressed), for a period chosen with a GET form of two months, drawn as charts on the
 * server ({@link IndicatorCharts}) each with its figures as a table. A period that is not one shows the error summary
 * and no figures. Anyone else gets the 403 page.
 */
@Pages
@Controller
class IndicatorPages {

    static final String FORM = "period";

    /** The form's two months, by the API's parameter names, and how the page names them. */
    private static final Map<String, String> MONTHS = Map.of("from", "The first month", "to", "The last month");

    private final PartnershipIndicatorsRepository indicators;
    private final ReadModelReads reads;
    private final AgencyDirectory directory;
    private final IndicatorCharts charts;

    /** What one read gives the page: the indicators as published, and the agencies' names. */
    private record Read(PartnershipIndicators indicators, AgencyNames agencies) {}

    IndicatorPages(
            PartnershipIndicatorsRepository indicators,
            ReadModelReads reads,
            AgencyDirectory directory,
            Labels labels) {
        this.indicators = indicators;
        this.reads = reads;
        this.directory = directory;
        this.charts = new IndicatorCharts(labels);
    }

    @GetMapping("/indicators")
    Mono<String> indicators(ServerWebExchange exchange, Model model) {
        Form form = Form.submitted(FORM, exchange.getRequest().getQueryParams());
        LocalDate today = LocalDate.now(PartnershipIndicatorsRepository.LONDON);
        YearMonth current = YearMonth.from(today);
        String from = month(form, "from");
        String to = month(form, "to");
        IndicatorPeriod period = null;
        if (!form.hasErrors()) {
            IndicatorPeriod.Parsed parsed = IndicatorPeriod.parse(from, to, current);
            parsed.errors().forEach(error -> reject(form, error.get("field"), error.get("message")));
            period = parsed.period();
        }
        if (period != null) {
            // The form shows the period the figures are for, the defaults included.
            suggest(form, "from", period.from());
            suggest(form, "to", period.to());
        }
        model.addAttribute("nav", "indicators");
        model.addAttribute("form", form);
        model.addAttribute("title", (form.hasErrors() ? "Error: " : "") + "Partnership indicators");
        IndicatorPeriod chosen = period;
        return CurrentActor.get().flatMap(actor -> {
            if (!actor.hasRole(Role.PARTNERSHIP_COORDINATOR)) {
                return Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN));
            }
            if (chosen == null) {
                exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                model.addAttribute("sections", List.of());
                return Mono.just("indicators/page");
            }
            return reads.read(
                            actor,
                            read -> new Read(
                                    PartnershipIndicators.publish(
                                            actor.partnershipId().value(),
                                            chosen.from(),
                                            chosen.to(),
                                            indicators.exactFigures(read, chosen.from(), chosen.to(), today)),
                                    directory.names(read)))
                    .map(read -> {
                        PartnershipIndicators published = read.indicators();
                        model.addAttribute(
                                "period",
                                IndicatorCharts.month(chosen.from()) + " to " + IndicatorCharts.month(chosen.to()));
                        model.addAttribute("total", published.referrals().total());
                        model.addAttribute("sections", charts.of(published, read.agencies()));
                        return "indicators/page";
                    });
        });
    }

    /**
     * The month of a GOV.UK month-and-year input as {@code YYYY-MM}; null when left empty (the period's default), or
     * when not a real month (then rejected).
     */
    private static String month(Form form, String field) {
        String month = form.value(field + "-month");
        String year = form.value(field + "-year");
        if (month.isEmpty() && year.isEmpty()) {
            return null;
        }
        try {
            if (!year.matches("\\d{4}") || !month.matches("\\d{1,2}")) {
                throw new DateTimeException("not a month");
            }
            return YearMonth.of(Integer.parseInt(year), Integer.parseInt(month)).toString();
        } catch (DateTimeException e) {
            form.reject(field, anchor(form, field), MONTHS.get(field) + " must be a real month and year");
            return null;
        }
    }

    /** The period's problems in the page's words, on the field they are about. */
    private static void reject(Form form, String field, String problem) {
        String message = switch (problem) {
            case IndicatorPeriod.AFTER_CURRENT -> MONTHS.get(field) + " must be this month or earlier";
            case IndicatorPeriod.FROM_AFTER_TO -> "The first month must be the same as or before the last month";
            case IndicatorPeriod.TOO_LONG -> "The period must be " + IndicatorPeriod.MAX_MONTHS + " months or shorter";
            default -> MONTHS.get(field) + " must be a real month and year";
        };
        form.reject(field, anchor(form, field), message);
    }

    private static String anchor(Form form, String field) {
        return form.id(field) + "-month";
    }

    private static void suggest(Form form, String field, YearMonth month) {
        form.suggesting(field + "-month", Integer.toString(month.getMonthValue()))
                .suggesting(field + "-year", Integer.toString(month.getYear()));
    }
}
