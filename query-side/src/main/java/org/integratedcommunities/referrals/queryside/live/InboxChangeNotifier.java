package org.integratedcommunities.referrals.queryside.live;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralRaisedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralRedirectedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Tells the subscribers of {@link InboxUpdatesQuery} that a referral in their inbox changed: for every referral event,
 * an {@link InboxChanged} to the subscriptions of the agency that receives the referral, and to nobody else
 * ({@link InboxUpdatesQuery#watches}).
 *
 * <p>It belongs to the processing group of the inbox itself ({@code referral-summaries}), so it runs in the batch
 * transaction that updates the inbox: Axon sends the updates only once that transaction has committed (a client that
 * reads on notification sees the change), and the receiving agency of a referral is looked up in
 * {@code referral_summary} there, as the login role, rather than remembered in memory (which a restart or another
 * replica would not share). Redirection names both agencies in its event; the referral's row holds the partnership
 * and type. Replays notify nobody ({@link DisallowReplay}): they change nothing a client could see.
 *
 * <p>Each replica notifies its own subscribers of the events its own segments handle. With several replicas a client
 * may miss a change handled by another replica; it is told nothing wrong, and it reads again on reconnecting.
 */
@Component
@ProcessingGroup(InboxChangeNotifier.PROCESSING_GROUP)
@DisallowReplay
class InboxChangeNotifier {

    static final String PROCESSING_GROUP = "referral-summaries";

    private static final String REFERRAL_AGGREGATE = "Referral";
    private static final String REFERRAL_EVENTS = ReferralId.class.getPackageName();

    private final QueryUpdateEmitter emitter;
    private final JdbcTemplate jdbc;

    InboxChangeNotifier(QueryUpdateEmitter emitter, JdbcTemplate jdbc) {
        this.emitter = emitter;
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ReferralRaisedEvent event, @Timestamp Instant at) {
        notify(
                event.partnershipId(),
                event.receivingAgencyId(),
                event.type(),
                new InboxChanged(event.referralId(), "RAISED", at));
    }

    @EventHandler
    void on(ReferralRedirectedEvent event, @Timestamp Instant at) {
        receiverOf(event.referralId()).ifPresent(referral -> {
            notify(
                    referral.partnership(),
                    event.previousReceivingAgencyId(),
                    referral.type(),
                    new InboxChanged(event.referralId(), "REDIRECTED_AWAY", at));
            notify(
                    referral.partnership(),
                    event.receivingAgencyId(),
                    referral.type(),
                    new InboxChanged(event.referralId(), "REDIRECTED", at));
        });
    }

    /** Every other event of a referral, those added later included: its receiving agency is the one in the row. */
    @EventHandler
    void on(DomainEventMessage<?> event) {
        if (!REFERRAL_AGGREGATE.equals(event.getType())
                || !event.getPayloadType().getPackageName().equals(REFERRAL_EVENTS)) {
            return;
        }
        ReferralId referralId = ReferralId.parse(event.getAggregateIdentifier());
        receiverOf(referralId)
                .ifPresent(referral -> notify(
                        referral.partnership(),
                        referral.receivingAgency(),
                        referral.type(),
                        new InboxChanged(referralId, change(event.getPayloadType()), event.getTimestamp())));
    }

    private void notify(PartnershipId partnership, AgencyId receivingAgency, ReferralType type, InboxChanged change) {
        emitter.emit(InboxUpdatesQuery.class, query -> query.watches(partnership, receivingAgency, type), change);
    }

    /** The referral's receiving side as the inbox holds it, in this batch's transaction. */
    private Optional<Receiver> receiverOf(ReferralId referralId) {
        return jdbc
                .query(
                        "SELECT partnership_id, receiving_agency_id, referral_type FROM referral_summary"
                                + " WHERE referral_id = ?",
                        (row, n) -> new Receiver(
                                new PartnershipId(row.getString("partnership_id")),
                                new AgencyId(row.getString("receiving_agency_id")),
                                ReferralType.valueOf(row.getString("referral_type"))),
                        referralId.value())
                .stream()
                .findFirst();
    }

    /** {@code ReferralAcceptedEvent} is {@code ACCEPTED}; {@code InformationProvidedEvent} is {@code INFORMATION_PROVIDED}. */
    static String change(Class<?> eventType) {
        String name = eventType.getSimpleName().replaceFirst("Event$", "");
        if (name.startsWith("Referral") && name.length() > "Referral".length()) {
            name = name.substring("Referral".length());
        }
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    private record Receiver(PartnershipId partnership, AgencyId receivingAgency, ReferralType type) {}
}
