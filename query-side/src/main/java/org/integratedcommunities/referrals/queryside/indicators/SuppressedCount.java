package org.integratedcommunities.referrals.queryside.indicators;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A count as the indicators publish it, the same shape for every count: {@code {"count": 12, "display": "12",
 * "suppressed": false}}, or for a small number {@code {"display": "<5", "suppressed": true}} with the exact number
 * left out. Zero is shown as 0: an absence discloses nobody. {@code <5} also marks a count suppressed to protect a
 * small one (secondary suppression, see {@link SmallNumbers}). Only {@link SmallNumbers} makes them.
 *
 * @param count the exact number; absent when suppressed
 * @param display what to show: the number, or {@code <5}
 * @param suppressed whether the exact number is withheld
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
        description = "A count: `{\"count\": 12, \"display\": \"12\", \"suppressed\": false}`, or for 1 to 4, and for"
                + " another count that would give such a one away, `{\"display\": \"<5\", \"suppressed\": true}`"
                + " without the number. Zero is shown as 0: an absence discloses nobody. `<5` marks every suppressed"
                + " count, including one suppressed only to protect a small one beside it.")
public record SuppressedCount(
        @Schema(description = "The exact number; absent when suppressed")
        Long count,

        @Schema(description = "What to show: the number, or `<5`", example = "12")
        String display,

        @Schema(description = "Whether the exact number is withheld")
        boolean suppressed) {

    static SuppressedCount exactly(long count) {
        return new SuppressedCount(count, Long.toString(count), false);
    }

    static SuppressedCount hidden() {
        return new SuppressedCount(null, SmallNumbers.SUPPRESSED, true);
    }
}
