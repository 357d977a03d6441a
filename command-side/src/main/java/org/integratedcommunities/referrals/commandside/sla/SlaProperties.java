package org.integratedcommunities.referrals.commandside.sla;

import java.util.Map;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Service-level settings, under {@code icr.sla}:
 *
 * <ul>
 *   <li>{@code icr.sla.acknowledgement-working-days.<partnership-id>.<TYPE>=N}: the acknowledgement SLA for one
 *       referral type in one partnership, in working days (1..{@value #MOST_WORKING_DAYS}), e.g.
 *       {@code icr.sla.acknowledgement-working-days.bradford.ESOL_PLACEMENT=5}. Types and partnerships not listed keep
 *       {@link ServiceLevels}' defaults.
 *   <li>{@code icr.sla.move-on-warning-days=N} (default {@value #DEFAULT_MOVE_ON_WARNING_DAYS}): how many
 *       <b>calendar</b> days before the end of a refugee's move-on period the referral escalates if needs are still
 *       open (see {@link ServiceLevels#moveOnWarningAt}).
 * </ul>
 *
 * Invalid values (unknown type, a partnership id that is not a slug, a number out of range) stop the application
 * at start-up.
 */
@ConfigurationProperties("icr.sla")
public record SlaProperties(
        Map<String, Map<ReferralType, Integer>> acknowledgementWorkingDays,
        @DefaultValue("" + DEFAULT_MOVE_ON_WARNING_DAYS) int moveOnWarningDays) {

    public static final int DEFAULT_MOVE_ON_WARNING_DAYS = 7;

    /** An SLA longer than this is almost certainly a typo (ten working weeks). */
    public static final int MOST_WORKING_DAYS = 50;

    public SlaProperties {
        acknowledgementWorkingDays = acknowledgementWorkingDays == null ? Map.of() : acknowledgementWorkingDays;
        acknowledgementWorkingDays.forEach((partnership, levels) -> {
            new PartnershipId(partnership); // rejects anything that is not a partnership id
            levels.forEach((type, days) -> {
                if (days == null || days < 1 || days > MOST_WORKING_DAYS) {
                    throw new IllegalArgumentException("icr.sla.acknowledgement-working-days." + partnership + "."
                            + type + " must be 1.." + MOST_WORKING_DAYS + " working days, was " + days);
                }
            });
        });
        if (moveOnWarningDays < 1 || moveOnWarningDays > 56) {
            throw new IllegalArgumentException(
                    "icr.sla.move-on-warning-days must be 1..56 calendar days, was " + moveOnWarningDays);
        }
    }
}
