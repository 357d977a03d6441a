package org.integratedcommunities.referrals.queryside.audit;

import org.integratedcommunities.referrals.queryside.ui.Pages;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import reactor.core.publisher.Mono;

/**
 * Where the auditor starts: the workspace's pages, each beside the API it mirrors (the event log, a record's history
 * as at a moment, verified replay, integrity, the access log). Reads nothing itself, so logs nothing.
 */
@Pages
@Controller
class AuditWorkspacePage {

    @GetMapping("/audit")
    Mono<String> workspace(Model model) {
        model.addAttribute("nav", "audit");
        return Auditors.signedIn().thenReturn("audit/workspace");
    }
}
