package org.integratedcommunities.referrals.kernel.referral;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Identity of a referral. UUIDs keep aggregate ids unique across every aggregate type in the event store. */
public record ReferralId(@JsonValue UUID value) {

    @JsonCreator
    public ReferralId {
        Objects.requireNonNull(value, "referral id");
    }

    public static ReferralId parse(String text) {
        return new ReferralId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
