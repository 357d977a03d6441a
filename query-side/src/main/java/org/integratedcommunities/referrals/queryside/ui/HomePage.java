package org.integratedcommunities.referrals.queryside.ui;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import reactor.core.publisher.Mono;

/** The start page when signed out; when signed in, the page the user's role works from. */
@Pages
@Controller
class HomePage {

    private final PageModel pageModel;

    HomePage(PageModel pageModel) {
        this.pageModel = pageModel;
    }

    @GetMapping("/")
    Mono<String> home(@RequestParam(name = "sign-in", required = false) String signIn, Model model) {
        return pageModel.signedIn().map(user -> {
            if (user.signedIn() && user.homePath() != null) {
                return "redirect:" + user.homePath();
            }
            model.addAttribute("signInFailed", "failed".equals(signIn));
            return "start";
        });
    }
}
