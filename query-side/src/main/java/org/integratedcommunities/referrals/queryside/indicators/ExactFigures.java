package org.integratedcommunities.referrals.queryside.indicators;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.integratedcommunities.referrals.kernel.referral.ConcernCategory;
import org.integratedcommunities.referrals.kernel.referral.DeclineReason;
import org.integratedcommunities.referrals.kernel.referral.EmploymentOutcomeKind;
import org.integratedcommunities.referrals.kernel.referral.EsolLevel;
import org.integratedcommunities.referrals.kernel.referral.EsolOutcomeKind;
import org.integratedcommunities.referrals.kernel.referral.MoveOnNeed;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.kernel.referral.SafeguardingAction;

/**
 * The indicators' exact figures for one partnership and period, as aggregated by the database: never published as
 * they are, only through {@link PartnershipIndicators#publish}, which suppresses small numbers. A category missing from
 * a map counted zero.
 */
record ExactFigures(
        List<ReferralCell> referrals,
        Map<ReferralType, Acknowledgement> acknowledgement,
        Map<DeclineReason, Long> declinesByReason,
        Map<EmploymentOutcomeKind, Long> employmentOutcomesByKind,
        Map<HoursBand, Long> jobStartsByHoursBand,
        Map<EsolOutcomeKind, Long> esolOutcomesByKind,
        Map<EsolLevel, Long> esolPlacementsByLevel,
        Map<MoveOnNeed, MoveOnNeedCounts> moveOnNeeds,
        long concerns,
        Map<ConcernCategory, Long> concernsByCategory,
        long concernsWithOutcome,
        Map<SafeguardingAction, Long> concernsByAction) {

    /** The referrals made in one month, of one type, now with one receiving agency. */
    record ReferralCell(YearMonth month, ReferralType type, String receivingAgencyId, long referrals) {}

    /**
     * @param acknowledged referrals acknowledged (accepted, declined or returned with a question), on time or late
     * @param overdueUnacknowledged referrals whose deadline passed and that are not acknowledged (yet)
     * @param withinSla referrals acknowledged by the deadline in force
     * @param medianHours the median hours from being made to being acknowledged; null if none was acknowledged
     */
    record Acknowledgement(long acknowledged, long overdueUnacknowledged, long withinSla, Double medianHours) {}

    /**
     * @param referrals referrals that were for this need
     * @param metInTime of those, the need met by the end of the move-on period
     * @param notMetInTime of those, the period over and the need not met by its end
     */
    record MoveOnNeedCounts(long referrals, long metInTime, long notMetInTime) {}
}
