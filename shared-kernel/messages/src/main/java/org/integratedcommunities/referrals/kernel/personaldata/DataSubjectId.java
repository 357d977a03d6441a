package org.integratedcommunities.referrals.kernel.personaldata;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/**
 * A person (or an anonymous reporter) whose personal data the platform holds. Each data subject has one encryption
 * key; destroying it erases the subject's data from every event at once (crypto-shredding).
 */
public record DataSubjectId(@JsonValue UUID value) {

    @JsonCreator
    public DataSubjectId {
        Objects.requireNonNull(value, "data subject id");
    }

    public static DataSubjectId parse(String text) {
        return new DataSubjectId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
