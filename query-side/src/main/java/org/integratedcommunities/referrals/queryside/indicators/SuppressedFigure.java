package org.integratedcommunities.referrals.queryside.indicators;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;

/**
 * A figure computed from referrals (a median, a percentage), as the indicators publish it: {@code {"value": 5.5,
 * "display": "5.5", "suppressed": false}}; {@code {"display": "[c]", "suppressed": true}} when it would rest on fewer
 * than five referrals; {@code {"display": "[z]", "suppressed": false}} when there are none to compute it from (the
 * shorthands of the UK Government Statistical Service). Only {@link SmallNumbers} makes them.
 *
 * @param value the figure; absent when withheld or when there is none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
        description = "A median or a percentage: `{\"value\": 5.5, \"display\": \"5.5\", \"suppressed\": false}`;"
                + " `{\"display\": \"[c]\", \"suppressed\": true}` when computed from fewer than 5 referrals;"
                + " `{\"display\": \"[z]\", \"suppressed\": false}` when there are no referrals to compute it from.")
public record SuppressedFigure(
        @Schema(description = "The figure; absent when withheld or not applicable")
        BigDecimal value,

        @Schema(description = "What to show: the figure, `[c]` (withheld) or `[z]` (not applicable)", example = "5.5")
        String display,

        @Schema(description = "Whether the figure is withheld")
        boolean suppressed) {}
