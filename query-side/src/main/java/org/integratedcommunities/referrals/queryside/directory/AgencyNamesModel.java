package org.integratedcommunities.referrals.queryside.directory;

import org.integratedcommunities.referrals.queryside.ui.Pages;
import org.integratedcommunities.referrals.queryside.web.ReadModelReads;
import org.integratedcommunities.referrals.webapi.CurrentActor;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import reactor.core.publisher.Mono;

/**
 * Gives every page of the web UI the names of the signed-in user's partnership's agencies ({@code agencyNames}), so
 * templates show an agency by name with one expression. One small read per page, as the user.
 */
@ControllerAdvice(annotations = Pages.class)
class AgencyNamesModel {

    private final AgencyDirectory directory;
    private final ReadModelReads reads;

    AgencyNamesModel(AgencyDirectory directory, ReadModelReads reads) {
        this.directory = directory;
        this.reads = reads;
    }

    @ModelAttribute("agencyNames")
    Mono<AgencyNames> agencyNames() {
        return CurrentActor.authentication()
                .flatMap(signedIn -> reads.read(signedIn.actor(), directory::names))
                .defaultIfEmpty(AgencyNames.NONE);
    }
}
