package org.integratedcommunities.referrals.kernel.identity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.regex.Pattern;

/** An agency of a partnership, as named in the directory and in the {@code agency_id} token claim. */
public record AgencyId(@JsonValue String value) {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    @JsonCreator
    public AgencyId {
        Objects.requireNonNull(value, "agency id");
        if (!SLUG.matcher(value).matches()) {
            throw new IllegalArgumentException("agency id must be lower-case letters, digits and hyphens");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
