package org.integratedcommunities.referrals.commandside.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.junit.jupiter.api.Test;

/** Deadlines are stored until they fire: by design they can carry ids, times and vocabularies only. */
class DeadlinePayloadPolicyTest {

    record AcknowledgementDue(Instant acknowledgeBy) {}

    record MoveOnWarning() {}

    record Escalation(
            ReferralId referralId,
            PartnershipId partnershipId,
            AgencyId agencyId,
            ReferralType type,
            LocalDate day,
            UUID correlation,
            int attempt,
            DataSubjectId subject) {}

    record WithName(ReferralId referralId, String personName) {}

    record WithList(List<ReferralId> referralIds) {}

    record Nested(AcknowledgementDue due) {}

    static final class NotARecord {}

    @Test
    void idsTimesAndVocabulariesArePermitted() {
        assertThatCode(() -> DeadlinePayloadPolicy.requirePermittedPayload("d", null))
                .doesNotThrowAnyException();
        assertThatCode(() -> DeadlinePayloadPolicy.requirePermittedPayload("d", new AcknowledgementDue(Instant.now())))
                .doesNotThrowAnyException();
        assertThatCode(() -> DeadlinePayloadPolicy.requirePermittedPayload("d", new MoveOnWarning()))
                .doesNotThrowAnyException();
        assertThatCode(() -> DeadlinePayloadPolicy.requirePermittedPayload(
                        "d",
                        new Escalation(
                                new ReferralId(UUID.randomUUID()),
                                new PartnershipId("bradford"),
                                new AgencyId("bradford-esol"),
                                ReferralType.ESOL_PLACEMENT,
                                LocalDate.now(),
                                UUID.randomUUID(),
                                1,
                                new DataSubjectId(UUID.randomUUID()))))
                .doesNotThrowAnyException();
    }

    @Test
    void textCollectionsNestedRecordsAndNonRecordsAreRefused() {
        assertThatThrownBy(() -> DeadlinePayloadPolicy.requirePermittedPayload(
                        "acknowledgement-due", new WithName(new ReferralId(UUID.randomUUID()), "Jane Example")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("acknowledgement-due")
                .hasMessageContaining("WithName.personName is a String");
        assertThatThrownBy(() -> DeadlinePayloadPolicy.requirePermittedPayload("d", new WithList(List.of())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeadlinePayloadPolicy.requirePermittedPayload(
                        "d", new Nested(new AcknowledgementDue(Instant.now()))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeadlinePayloadPolicy.requirePermittedPayload("d", new NotARecord()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeadlinePayloadPolicy.requirePermittedPayload("d", "Jane Example"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theInterceptorRefusesPersonalDataAndKeepsOnlyIdMetadata() {
        DeadlinePayloadPolicy policy = new DeadlinePayloadPolicy();
        DeadlineMessage<?> message = new GenericDeadlineMessage<>(
                "acknowledgement-due",
                new GenericMessage<>(
                        new AcknowledgementDue(Instant.now()),
                        MetaData.from(Map.of(
                                "userId", "3d2a7c1e-0000-4000-8000-000000000001",
                                "agencyId", "bradford-esol",
                                "partnershipId", "bradford",
                                "roles", "caseworker",
                                "correlationId", "c1",
                                "traceId", "t1",
                                "userName", "Jane Example"))),
                Instant::now);
        DeadlineMessage<?> stored = policy.handle(List.of(message)).apply(0, message);
        assertThat(stored.getMetaData())
                .containsOnlyKeys("userId", "agencyId", "partnershipId", "roles", "correlationId", "traceId");
        assertThat(stored.getPayload()).isEqualTo(message.getPayload());

        DeadlineMessage<?> leaky = GenericDeadlineMessage.asDeadlineMessage(
                "d", new WithName(new ReferralId(UUID.randomUUID()), "Jane Example"), Instant.now());
        assertThatThrownBy(() -> policy.handle(List.of(leaky)).apply(0, leaky))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
