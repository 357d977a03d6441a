package org.integratedcommunities.referrals.queryside.referral;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasis;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.ActorMetaData;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.identity.UserId;
import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;
import org.integratedcommunities.referrals.kernel.personaldata.Sealed;
import org.integratedcommunities.referrals.kernel.referral.ReferralFacts;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralRaisedEvent;
import org.integratedcommunities.referrals.queryside.QuerySideTestSupport;
import org.integratedcommunities.referrals.queryside.web.ReadModelReads;
import org.integratedcommunities.referrals.testsupport.TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Referral events as the command side appends them (sequence numbers, the acting user's metadata), and the database
 * the tests of this package need: the event store and the data subjects' keys, created by their own migrations as the
 * command side's Flyway creates them.
 */
final class ReferralEvents {

    static final PartnershipId BRADFORD = new PartnershipId("bradford");

    private ReferralEvents() {}

    static void useDatabase(TestDatabase database, DynamicPropertyRegistry registry) {
        QuerySideTestSupport.useDatabase(database, registry);
    }

    static Actor actor(String agency, Role... roles) {
        return new Actor(
                new UserId(UUID.randomUUID().toString()),
                new AgencyId(agency),
                BRADFORD,
                roles.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.of(roles[0], roles));
    }

    /** The metadata the command side puts on an event its user caused. */
    static MetaData metaData(Actor actor) {
        return MetaData.with(ActorMetaData.USER_ID, actor.userId().value())
                .and(ActorMetaData.AGENCY_ID, actor.agencyId().value())
                .and(ActorMetaData.PARTNERSHIP_ID, actor.partnershipId().value())
                .and(
                        ActorMetaData.ROLES,
                        actor.roles().stream().map(Role::realmRole).sorted().collect(Collectors.joining(",")));
    }

    /** Appends the events of one referral, from sequence {@code first} on, each caused by its actor. */
    static final class Appender {

        private final EventStore eventStore;
        private final ReferralId referralId;
        private long next;

        Appender(EventStore eventStore, ReferralId referralId) {
            this.eventStore = eventStore;
            this.referralId = referralId;
        }

        Appender append(Actor actor, Object event) {
            eventStore.publish(
                    new GenericDomainEventMessage<>("Referral", referralId.toString(), next++, event, metaData(actor)));
            return this;
        }

        /** The newest sequence appended: the referral's version. */
        long version() {
            return next - 1;
        }
    }

    static ReferralId newReferral() {
        return new ReferralId(UUID.randomUUID());
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    static ReferralRaisedEvent raised(
            ReferralId referralId,
            Actor referrer,
            AgencyId receiving,
            ReferralFacts facts,
            DataSubjectId subject,
            Sealed particulars,
            Instant raisedAt,
            LocalDate madeOn,
            Instant acknowledgeBy,
            ReferralId parent) {
        boolean concern = facts instanceof ReferralFacts.OutOfSchoolSettingsConcern;
        return new ReferralRaisedEvent(
                referralId,
                facts.type(),
                BRADFORD,
                referrer.agencyId(),
                receiving,
                concern ? null : new CaseId(subject.value()),
                subject,
                concern ? LawfulBasis.PUBLIC_TASK : LawfulBasis.CONSENT,
                facts,
                particulars,
                parent,
                raisedAt,
                madeOn,
                acknowledgeBy);
    }

    /** Sealed-looking data that no key opens: for tests that never open it. */
    static Sealed fakeSealed(DataSubjectId subject, String ciphertext) {
        return new Sealed(subject, ciphertext);
    }

    /**
     * Waits until the read model holds the referral at this version, as seen by this actor: its summary row and its
     * timeline (which has a processing group of its own).
     */
    static void awaitVersion(
            ReadModelReads reads,
            ReferralSummaryRepository repository,
            Actor actor,
            ReferralId referralId,
            long version) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    Boolean reached = reads.read(actor, read -> {
                                Optional<ReferralSummaryRepository.StoredReferral> found =
                                        repository.findVisible(read, referralId);
                                Long timeline = read.jdbc()
                                        .queryForObject(
                                                "SELECT coalesce(max(sequence), -1) FROM referral_timeline"
                                                        + " WHERE referral_id = :id",
                                                Map.of("id", referralId.value()),
                                                Long.class);
                                return found.isPresent()
                                        && found.get().view().version() == version
                                        && timeline != null
                                        && timeline == version;
                            })
                            .block();
                    return Boolean.TRUE.equals(reached);
                });
    }

    /**
     * Puts {@code count} raised ESOL referrals from one agency to another of {@link #BRADFORD} straight into the read
     * model, as the projection (the table's owner) would, in one statement: for lists longer than the count's cap,
     * which would take minutes to raise through the event store. Raised a minute apart, the first newest.
     */
    static void insertSummaries(TestDatabase database, String referringAgency, String receivingAgency, int count) {
        try (Connection owner = database.connect();
                PreparedStatement insert = owner.prepareStatement("INSERT INTO read_model.referral_summary"
                        + " (referral_id, referral_type, status, partnership_id, referring_agency_id,"
                        + " receiving_agency_id, raised_at, last_event_sequence)"
                        + " SELECT gen_random_uuid(), 'ESOL_PLACEMENT', 'RAISED', ?, ?, ?,"
                        + " now() - make_interval(mins => i), 0 FROM generate_series(1, ?) i")) {
            insert.setString(1, BRADFORD.value());
            insert.setString(2, referringAgency);
            insert.setString(3, receivingAgency);
            insert.setInt(4, count);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
