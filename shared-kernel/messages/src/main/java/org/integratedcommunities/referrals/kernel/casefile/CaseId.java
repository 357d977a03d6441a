package org.integratedcommunities.referrals.kernel.casefile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Identity of a case: one person known to the partnership. */
public record CaseId(@JsonValue UUID value) {

    @JsonCreator
    public CaseId {
        Objects.requireNonNull(value, "case id");
    }

    public static CaseId parse(String text) {
        return new CaseId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
