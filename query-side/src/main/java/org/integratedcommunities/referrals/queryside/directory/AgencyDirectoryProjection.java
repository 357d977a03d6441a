package org.integratedcommunities.referrals.queryside.directory;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.integratedcommunities.referrals.kernel.directory.AgencyRegisteredEvent;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code agency_directory}: the name of every agency a partnership registered. Retiring or changing its services
 * does not change an agency's name, so only registration is handled; a retired agency keeps its row, since the
 * referrals it sent or received still name it.
 */
@Component
@ProcessingGroup(AgencyDirectoryProjection.PROCESSING_GROUP)
class AgencyDirectoryProjection {

    static final String PROCESSING_GROUP = "agency-directory";

    private final AgencyDirectory directory;

    AgencyDirectoryProjection(AgencyDirectory directory) {
        this.directory = directory;
    }

    @EventHandler
    void on(AgencyRegisteredEvent event) {
        directory.register(event);
    }

    @ResetHandler
    void reset() {
        directory.deleteAll();
    }
}
