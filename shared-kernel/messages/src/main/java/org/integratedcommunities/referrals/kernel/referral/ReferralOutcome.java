package org.integratedcommunities.referrals.kernel.referral;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.util.Set;

/** What became of a referral, in the vocabulary of its type: the closed loop back to the referrer. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ReferralOutcome.RefugeePostGrant.class, name = "REFUGEE_POST_GRANT"),
    @JsonSubTypes.Type(value = ReferralOutcome.EmploymentSupport.class, name = "EMPLOYMENT_SUPPORT"),
    @JsonSubTypes.Type(value = ReferralOutcome.EsolPlacement.class, name = "ESOL_PLACEMENT"),
    @JsonSubTypes.Type(
            value = ReferralOutcome.OutOfSchoolSettingsConcern.class,
            name = "OUT_OF_SCHOOL_SETTINGS_CONCERN")
})
public sealed interface ReferralOutcome {

    ReferralType type();

    record RefugeePostGrant(
            @NotNull MoveOnOutcomeKind result, @NotNull Set<@NotNull MoveOnNeed> needsMet) implements ReferralOutcome {
        public RefugeePostGrant {
            needsMet = needsMet == null ? Set.of() : Set.copyOf(needsMet);
        }

        @Override
        public ReferralType type() {
            return ReferralType.REFUGEE_POST_GRANT;
        }
    }

    /** @param hoursPerWeek for a job start, the hours worked per week; otherwise null */
    record EmploymentSupport(
            @NotNull EmploymentOutcomeKind result,
            @Min(1) @Max(80) Integer hoursPerWeek) implements ReferralOutcome {
        @Override
        public ReferralType type() {
            return ReferralType.EMPLOYMENT_SUPPORT;
        }
    }

    /** @param level the level assessed or of the course; @param courseStart for a placement, when the course starts */
    record EsolPlacement(@NotNull EsolOutcomeKind result, EsolLevel level, LocalDate courseStart)
            implements ReferralOutcome {
        @Override
        public ReferralType type() {
            return ReferralType.ESOL_PLACEMENT;
        }
    }

    record OutOfSchoolSettingsConcern(@NotEmpty Set<@NotNull SafeguardingAction> actions) implements ReferralOutcome {
        public OutOfSchoolSettingsConcern {
            actions = actions == null ? Set.of() : Set.copyOf(actions);
        }

        @Override
        public ReferralType type() {
            return ReferralType.OUT_OF_SCHOOL_SETTINGS_CONCERN;
        }
    }
}
