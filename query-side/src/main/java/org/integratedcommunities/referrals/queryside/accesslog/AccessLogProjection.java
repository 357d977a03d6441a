package org.integratedcommunities.referrals.queryside.accesslog;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.integratedcommunities.referrals.kernel.audit.PersonalDataAccessedEvent;
import org.springframework.stereotype.Component;

/** Copies the access log's entries from the event store into {@code access_log}, where auditors search them. */
@Component
@ProcessingGroup(AccessLogProjection.PROCESSING_GROUP)
class AccessLogProjection {

    static final String PROCESSING_GROUP = "access-log";

    private final AccessLogRepository repository;

    AccessLogProjection(AccessLogRepository repository) {
        this.repository = repository;
    }

    @EventHandler
    void on(PersonalDataAccessedEvent event) {
        repository.insert(event);
    }

    @ResetHandler
    void reset() {
        repository.deleteAll();
    }
}
