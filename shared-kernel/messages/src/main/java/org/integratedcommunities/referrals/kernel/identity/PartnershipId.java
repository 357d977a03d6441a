package org.integratedcommunities.referrals.kernel.identity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.regex.Pattern;

/** A Local Integration Partnership, as carried in the {@code partnership_id} token claim. */
public record PartnershipId(@JsonValue String value) {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    @JsonCreator
    public PartnershipId {
        Objects.requireNonNull(value, "partnership id");
        if (!SLUG.matcher(value).matches()) {
            throw new IllegalArgumentException("partnership id must be lower-case letters, digits and hyphens");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
