package org.integratedcommunities.referrals.kernel.referral;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The particulars of a referral: free text and anything else that could identify a person. Never stored in clear:
 * events carry them sealed with the data subject's key.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ReferralParticulars.RefugeePostGrant.class, name = "REFUGEE_POST_GRANT"),
    @JsonSubTypes.Type(value = ReferralParticulars.EmploymentSupport.class, name = "EMPLOYMENT_SUPPORT"),
    @JsonSubTypes.Type(value = ReferralParticulars.EsolPlacement.class, name = "ESOL_PLACEMENT"),
    @JsonSubTypes.Type(
            value = ReferralParticulars.OutOfSchoolSettingsConcern.class,
            name = "OUT_OF_SCHOOL_SETTINGS_CONCERN")
})
public sealed interface ReferralParticulars {

    int MAX_TEXT = 4000;
    int MAX_SHORT_TEXT = 200;

    ReferralType type();

    record RefugeePostGrant(@Size(max = MAX_TEXT) String notes) implements ReferralParticulars {
        @Override
        public ReferralType type() {
            return ReferralType.REFUGEE_POST_GRANT;
        }
    }

    record EmploymentSupport(
            @NotBlank @Size(max = MAX_SHORT_TEXT) String employmentGoal,
            @Size(max = MAX_TEXT) String notes) implements ReferralParticulars {
        @Override
        public ReferralType type() {
            return ReferralType.EMPLOYMENT_SUPPORT;
        }
    }

    record EsolPlacement(
            @Size(max = MAX_SHORT_TEXT) String availability,
            @Size(max = MAX_TEXT) String notes) implements ReferralParticulars {
        @Override
        public ReferralType type() {
            return ReferralType.ESOL_PLACEMENT;
        }
    }

    /** The reporter's name and contact are absent when the reporter stays anonymous. */
    record OutOfSchoolSettingsConcern(
            @NotBlank @Size(max = MAX_SHORT_TEXT) String settingName,
            @Size(max = MAX_SHORT_TEXT) String settingAddress,
            @NotBlank @Size(max = MAX_TEXT) String description,
            @Size(max = MAX_SHORT_TEXT) String reporterName,
            @Size(max = MAX_SHORT_TEXT) String reporterContact)
            implements ReferralParticulars {
        @Override
        public ReferralType type() {
            return ReferralType.OUT_OF_SCHOOL_SETTINGS_CONCERN;
        }
    }
}
