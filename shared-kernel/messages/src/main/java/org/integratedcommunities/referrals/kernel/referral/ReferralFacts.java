package org.integratedcommunities.referrals.kernel.referral;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import java.time.LocalDate;
import java.util.Set;

/**
 * The categorical facts of a referral, one shape per referral type. They identify nobody on their own, are kept in
 * clear in the events and feed the partnership indicators. Anything that could identify a person (names, free text)
 * belongs in {@link ReferralParticulars}, which is encrypted.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ReferralFacts.RefugeePostGrant.class, name = "REFUGEE_POST_GRANT"),
    @JsonSubTypes.Type(value = ReferralFacts.EmploymentSupport.class, name = "EMPLOYMENT_SUPPORT"),
    @JsonSubTypes.Type(value = ReferralFacts.EsolPlacement.class, name = "ESOL_PLACEMENT"),
    @JsonSubTypes.Type(value = ReferralFacts.OutOfSchoolSettingsConcern.class, name = "OUT_OF_SCHOOL_SETTINGS_CONCERN")
})
public sealed interface ReferralFacts {

    ReferralType type();

    /**
     * Move-on support after a grant of refugee status.
     *
     * @param moveOnPeriodDays days from the grant until asylum support stops: 28, or 56 in some pilots
     */
    record RefugeePostGrant(
            @NotNull @PastOrPresent LocalDate grantDate,
            @Min(1) @Max(120) int moveOnPeriodDays,
            @NotEmpty Set<@NotNull MoveOnNeed> needs)
            implements ReferralFacts {

        public RefugeePostGrant {
            needs = needs == null ? Set.of() : Set.copyOf(needs);
        }

        public LocalDate moveOnEndsOn() {
            return grantDate.plusDays(moveOnPeriodDays);
        }

        @Override
        public ReferralType type() {
            return ReferralType.REFUGEE_POST_GRANT;
        }
    }

    record EmploymentSupport(
            @NotNull Set<@NotNull EmploymentBarrier> barriers,
            @NotEmpty Set<@NotNull EmploymentProgramme> programmes) implements ReferralFacts {

        public EmploymentSupport {
            barriers = barriers == null ? Set.of() : Set.copyOf(barriers);
            programmes = programmes == null ? Set.of() : Set.copyOf(programmes);
        }

        @Override
        public ReferralType type() {
            return ReferralType.EMPLOYMENT_SUPPORT;
        }
    }

    /** @param estimatedLevel the referrer's estimate, or null when nobody has assessed it yet */
    record EsolPlacement(
            EsolLevel estimatedLevel,
            @NotEmpty Set<@NotNull EsolMode> preferredModes,
            boolean childcareNeeded,
            boolean mandatedByWorkCoach)
            implements ReferralFacts {

        public EsolPlacement {
            preferredModes = preferredModes == null ? Set.of() : Set.copyOf(preferredModes);
        }

        @Override
        public ReferralType type() {
            return ReferralType.ESOL_PLACEMENT;
        }
    }

    /**
     * A concern about a setting. The subject is the setting, not a person; the reporter may stay anonymous.
     *
     * @param emergencyServicesCalled whether 999 was called: required first when a child is in immediate danger
     */
    record OutOfSchoolSettingsConcern(
            @NotNull SettingType settingType,
            @NotNull SettingSize settingSize,
            @NotEmpty Set<@NotNull ConcernCategory> categories,
            boolean childInImmediateDanger,
            boolean emergencyServicesCalled,
            boolean allegationAgainstStaffOrVolunteer,
            boolean reporterAnonymous)
            implements ReferralFacts {

        public OutOfSchoolSettingsConcern {
            categories = categories == null ? Set.of() : Set.copyOf(categories);
        }

        /** A suspected unregistered independent school must go to Ofsted. */
        public boolean suspectedUnregisteredSchool() {
            return settingType == SettingType.SUSPECTED_UNREGISTERED_SCHOOL
                    || categories.contains(ConcernCategory.SUSPECTED_ILLEGAL_SCHOOL);
        }

        @Override
        public ReferralType type() {
            return ReferralType.OUT_OF_SCHOOL_SETTINGS_CONCERN;
        }
    }
}
