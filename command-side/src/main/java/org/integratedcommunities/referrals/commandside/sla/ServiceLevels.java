package org.integratedcommunities.referrals.commandside.sla;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;

/**
 * The service levels a referral is held to, and the deadlines they give on the {@link WorkingDayCalendar}.
 *
 * <ul>
 *   <li><b>Acknowledgement</b>: the receiving agency must accept, decline or return a referral within a number of
 *       working days that depends on its type ({@link #defaultAcknowledgementWorkingDays defaults}: out-of-school
 *       settings concern 1, refugee post-grant 1, employment support 5, ESOL placement 10), overridable per
 *       partnership and type ({@link ServiceLevelOverrides}, e.g. configuration
 *       {@code icr.sla.acknowledgement-working-days.<partnership-id>.<TYPE>=N}).
 *   <li><b>LADO</b>: an allegation against a member of staff or a volunteer of an out-of-school setting must reach
 *       the Local Authority Designated Officer within {@value #LADO_NOTIFICATION_WORKING_DAYS} working day. This
 *       follows statutory guidance, so it is a constant: no configuration can loosen it.
 *   <li><b>Move-on warning</b>: a refugee post-grant referral escalates {@link #moveOnWarningDays()} <b>calendar</b>
 *       days (default 7, {@code icr.sla.move-on-warning-days}) before the move-on period ends while needs are still
 *       open. Calendar days, because the move-on period itself is counted in calendar days (28 or 56 from the grant)
 *       and support and accommodation stop on a calendar date whatever the weekday; 7 calendar days leave about five
 *       working days to act. See {@link #moveOnWarningAt(LocalDate)} for how it lands on a working day.
 * </ul>
 *
 * Pure apart from its configuration: no clock; callers pass the instants.
 */
public final class ServiceLevels {

    /** Working days within which an allegation against out-of-school-setting staff must reach the LADO. */
    public static final int LADO_NOTIFICATION_WORKING_DAYS = 1;

    private static final Map<ReferralType, Integer> DEFAULT_ACKNOWLEDGEMENT_WORKING_DAYS = defaults();

    private final WorkingDayCalendar calendar;
    private final ServiceLevelOverrides overrides;
    private final int moveOnWarningDays;

    /**
     * @param calendar the working-day calendar deadlines are counted on
     * @param overrides partnership-specific acknowledgement SLAs ({@link ServiceLevelOverrides#none()} for none)
     * @param moveOnWarningDays calendar days before the end of a move-on period to escalate open needs (at least 1)
     */
    public ServiceLevels(WorkingDayCalendar calendar, ServiceLevelOverrides overrides, int moveOnWarningDays) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.overrides = Objects.requireNonNull(overrides, "overrides");
        if (moveOnWarningDays < 1) {
            throw new IllegalArgumentException("move-on warning days must be at least 1, was " + moveOnWarningDays);
        }
        this.moveOnWarningDays = moveOnWarningDays;
    }

    /** The product's default acknowledgement SLA for {@code type}, in working days. */
    public static int defaultAcknowledgementWorkingDays(ReferralType type) {
        return DEFAULT_ACKNOWLEDGEMENT_WORKING_DAYS.get(Objects.requireNonNull(type, "type"));
    }

    /** The acknowledgement SLA for {@code type} in the partnership, in working days: its override, else the default. */
    public int acknowledgementWorkingDays(PartnershipId partnershipId, ReferralType type) {
        Objects.requireNonNull(partnershipId, "partnershipId");
        return overrides
                .acknowledgementWorkingDays(partnershipId, type)
                .orElseGet(() -> defaultAcknowledgementWorkingDays(type));
    }

    /**
     * When a referral of {@code type} raised (or redirected, or answered) at {@code raisedAt} must be acknowledged
     * by: see {@link WorkingDayCalendar#dueAfterWorkingDays(Instant, int)}.
     */
    public Instant acknowledgementDue(PartnershipId partnershipId, ReferralType type, Instant raisedAt) {
        return calendar.dueAfterWorkingDays(raisedAt, acknowledgementWorkingDays(partnershipId, type));
    }

    /** Working days within which a staff allegation must reach the LADO: {@value #LADO_NOTIFICATION_WORKING_DAYS}. */
    public int ladoNotificationWorkingDays() {
        return LADO_NOTIFICATION_WORKING_DAYS;
    }

    /** When a staff allegation recorded at {@code recordedAt} must have reached the LADO by. */
    public Instant ladoNotificationDue(Instant recordedAt) {
        return calendar.dueAfterWorkingDays(recordedAt, LADO_NOTIFICATION_WORKING_DAYS);
    }

    /** Calendar days before the end of a move-on period at which open needs escalate. */
    public int moveOnWarningDays() {
        return moveOnWarningDays;
    }

    /**
     * When to escalate a refugee post-grant referral whose needs are still open, for a move-on period whose last day
     * is {@code moveOnPeriodEnds}: the start (00:00 London) of the day {@link #moveOnWarningDays()} calendar days
     * before it, or, if that day is not a working day, of the last working day before it, so the escalation reaches
     * people at work with at least that many days left. If the result is already past when a referral is raised, the
     * caller should fire at once.
     *
     * <p>E.g. with 7 days, a period ending Monday 2026-12-07 warns at the start of Monday 2026-11-30; one ending
     * Sunday 2026-12-06 warns at the start of Friday 2026-11-27 (the 29th being a Sunday, the 28th a Saturday).
     *
     * @throws IllegalStateException if the warning day is a weekday whose bank holidays are not known
     */
    public Instant moveOnWarningAt(LocalDate moveOnPeriodEnds) {
        LocalDate day = moveOnPeriodEnds.minusDays(moveOnWarningDays);
        while (!calendar.isWorkingDay(day)) {
            day = day.minusDays(1);
        }
        return WorkingDayCalendar.startOfDay(day);
    }

    /** The calendar deadlines are counted on. */
    public WorkingDayCalendar calendar() {
        return calendar;
    }

    private static Map<ReferralType, Integer> defaults() {
        Map<ReferralType, Integer> defaults = new EnumMap<>(ReferralType.class);
        defaults.put(ReferralType.OUT_OF_SCHOOL_SETTINGS_CONCERN, 1);
        defaults.put(ReferralType.REFUGEE_POST_GRANT, 1);
        defaults.put(ReferralType.EMPLOYMENT_SUPPORT, 5);
        defaults.put(ReferralType.ESOL_PLACEMENT, 10);
        for (ReferralType type : ReferralType.values()) {
            if (!defaults.containsKey(type)) {
                throw new IllegalStateException("No default acknowledgement SLA for " + type);
            }
        }
        return defaults;
    }
}
