package org.integratedcommunities.referrals.queryside.audit;

import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.webapi.CurrentActor;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/** The auditor's pages are for the auditor role alone: anyone else gets the 403 page, as from the API a 403. */
public final class Auditors {

    private Auditors() {}

    /** The signed-in actor if an auditor; otherwise an error the web UI shows as its 403 page. */
    public static Mono<Actor> signedIn() {
        return CurrentActor.get()
                .flatMap(actor -> actor.hasRole(Role.AUDITOR)
                        ? Mono.just(actor)
                        : Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN)));
    }
}
