package org.integratedcommunities.referrals.queryside.indicators;

/**
 * A job start's hours per week, as the indicators count it: in bands, never the hours themselves (an exact figure
 * could single someone out). The bounds are the usual ones in UK employment statistics: 16 hours, the old threshold of
 * in-work benefits, and 30, full-time.
 */
enum HoursBand {
    UNDER_16,
    FROM_16_TO_29,
    FROM_30;

    static HoursBand of(int hoursPerWeek) {
        if (hoursPerWeek < 16) {
            return UNDER_16;
        }
        return hoursPerWeek < 30 ? FROM_16_TO_29 : FROM_30;
    }
}
