package org.integratedcommunities.referrals.kernel.identity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/** A signed-in user: the identity provider's stable subject, never a name or an e-mail address. */
public record UserId(@JsonValue String value) {

    @JsonCreator
    public UserId {
        Objects.requireNonNull(value, "user id");
        if (value.isBlank()) {
            throw new IllegalArgumentException("user id must not be blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
