package org.integratedcommunities.referrals.queryside.accesslog;

import java.util.List;
import java.util.Optional;
import org.integratedcommunities.referrals.queryside.accesslog.AccessLogRepository.AccessLogQuery;
import org.integratedcommunities.referrals.queryside.audit.Auditors;
import org.integratedcommunities.referrals.queryside.ui.Form;
import org.integratedcommunities.referrals.queryside.ui.Pages;
import org.integratedcommunities.referrals.queryside.ui.Paging;
import org.integratedcommunities.referrals.queryside.ui.UkMoment;
import org.integratedcommunities.referrals.queryside.web.ReadModelReads;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The access log's search page for the partnership's auditors: filters as a GET form (user, agency, record, from and
 * to as GOV.UK dates with an optional time), newest first, paged; who, what, when and why. Read as
 * {@link AccessLogController} reads it, as the auditor; a filter that is not a real date or time comes back with a
 * GOV.UK error summary and reads nothing.
 */
@Pages
@Controller
class AccessLogPages {

    private final AccessLogRepository log;
    private final ReadModelReads reads;

    AccessLogPages(AccessLogRepository log, ReadModelReads reads) {
        this.log = log;
        this.reads = reads;
    }

    @GetMapping("/audit/access-log")
    Mono<String> search(ServerWebExchange exchange, Model model) {
        Form form = Form.submitted("access", exchange.getRequest().getQueryParams());
        Optional<UkMoment.Period> period = UkMoment.period(form);
        model.addAttribute("nav", "audit");
        model.addAttribute("form", form);
        return Auditors.signedIn().flatMap(auditor -> {
            if (period.isEmpty()) {
                exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                model.addAttribute("entries", List.of());
                model.addAttribute("paging", Paging.of(exchange, 1, 0));
                return Mono.just("audit/access-log");
            }
            AccessLogQuery query = new AccessLogQuery(
                    form.optional("user"),
                    form.optional("agency"),
                    form.optional("recordId"),
                    period.get().from(),
                    period.get().to(),
                    Integer.parseInt(Paging.apiPage(form.value("page"))),
                    Paging.SIZE);
            return reads.read(auditor, read -> log.page(read, query)).map(found -> {
                model.addAttribute("entries", found.items());
                model.addAttribute("paging", Paging.of(exchange, found.page() + 1, found.total()));
                return "audit/access-log";
            });
        });
    }
}
