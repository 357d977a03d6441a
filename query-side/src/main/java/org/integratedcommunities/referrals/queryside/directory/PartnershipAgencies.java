package org.integratedcommunities.referrals.queryside.directory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.integratedcommunities.referrals.kernel.directory.AgencyRegisteredEvent;
import org.integratedcommunities.referrals.kernel.directory.AgencyRetiredEvent;
import org.integratedcommunities.referrals.kernel.directory.AgencyServicesChangedEvent;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.queryside.web.EventStoreReads;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The agencies of the actor's own partnership, as the forms offer them (receiving agency, consent's agencies): read
 * from the partnership's own event stream when asked, since the directory is a few dozen events, changes rarely and is
 * no one's personal data. Retired agencies are left out; so is the actor's own agency (a referral goes to another).
 */
@Component
public class PartnershipAgencies {

    /** An agency of the partnership and the kinds of referral it takes. */
    public record Agency(AgencyId agencyId, String name, Set<ReferralType> services) {
        public String id() {
            return agencyId.value();
        }
    }

    private final EventStoreReads eventStoreReads;

    PartnershipAgencies(EventStoreReads eventStoreReads) {
        this.eventStoreReads = eventStoreReads;
    }

    /** The other active agencies of the actor's partnership, by name. */
    public Mono<List<Agency>> others(Actor actor) {
        return eventStoreReads
                .read(events -> fold(events.events(actor.partnershipId().value(), Long.MAX_VALUE)))
                .map(agencies -> agencies.stream()
                        .filter(agency -> !agency.agencyId().equals(actor.agencyId()))
                        .sorted(Comparator.comparing(Agency::name))
                        .toList());
    }

    static List<Agency> fold(List<DomainEventMessage<?>> events) {
        Map<AgencyId, Agency> agencies = new LinkedHashMap<>();
        for (DomainEventMessage<?> event : events) {
            Object payload = event.getPayload();
            if (payload instanceof AgencyRegisteredEvent registered) {
                agencies.put(
                        registered.agencyId(),
                        new Agency(registered.agencyId(), registered.name(), registered.servicesOffered()));
            } else if (payload instanceof AgencyServicesChangedEvent changed) {
                agencies.computeIfPresent(
                        changed.agencyId(), (id, agency) -> new Agency(id, agency.name(), changed.servicesOffered()));
            } else if (payload instanceof AgencyRetiredEvent retired) {
                agencies.remove(retired.agencyId());
            }
        }
        return new ArrayList<>(agencies.values());
    }
}
