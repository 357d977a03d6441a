package org.integratedcommunities.referrals.queryside.ui;

import org.integratedcommunities.referrals.webapi.CurrentActor;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** What every page's layout needs: the CSRF token for its forms (sign-out at least) and who is signed in. */
@ControllerAdvice(annotations = Pages.class)
class PageModel {

    /** Resolved before rendering, so that the token exists (and is in the session) when the form is written. */
    @ModelAttribute("_csrf")
    Mono<CsrfToken> csrfToken(ServerWebExchange exchange) {
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        if (token == null) {
            throw new IllegalStateException("A page rendered outside the web UI's security chain");
        }
        return token;
    }

    @ModelAttribute("signedIn")
    Mono<SignedInUser> signedIn() {
        return CurrentActor.authentication()
                .map(token -> SignedInUser.of(token.actor(), nameOf(token.getToken())))
                .defaultIfEmpty(SignedInUser.NOBODY);
    }

    /** The name a user goes by: the token's {@code name}, else their username. */
    static String nameOf(Jwt token) {
        String name = token.getClaimAsString("name");
        if (name == null || name.isBlank()) {
            name = token.getClaimAsString("preferred_username");
        }
        return name == null || name.isBlank() ? "Signed in" : name;
    }
}
