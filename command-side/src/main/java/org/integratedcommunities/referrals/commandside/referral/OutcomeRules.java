package org.integratedcommunities.referrals.commandside.referral;

import org.integratedcommunities.referrals.commandside.rules.RuleViolation;
import org.integratedcommunities.referrals.kernel.referral.EmploymentOutcomeKind;
import org.integratedcommunities.referrals.kernel.referral.EsolOutcomeKind;
import org.integratedcommunities.referrals.kernel.referral.ReferralFacts;
import org.integratedcommunities.referrals.kernel.referral.ReferralOutcome;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.kernel.referral.SafeguardingAction;

/** What an outcome must say, per referral type. */
final class OutcomeRules {

    private OutcomeRules() {}

    static void check(ReferralType type, ReferralFacts facts, ReferralOutcome outcome, boolean ladoInformed) {
        if (outcome.type() != type) {
            throw new RuleViolation("outcome.kind", "The outcome must be one of a " + type + " referral");
        }
        if (outcome instanceof ReferralOutcome.EmploymentSupport employment
                && employment.result() == EmploymentOutcomeKind.JOB_START
                && employment.hoursPerWeek() == null) {
            throw new RuleViolation("outcome.hoursPerWeek", "Give the hours per week of the job");
        }
        if (outcome instanceof ReferralOutcome.EsolPlacement esol) {
            boolean needsLevel =
                    esol.result() == EsolOutcomeKind.ASSESSED || esol.result() == EsolOutcomeKind.PLACED_ON_COURSE;
            if (needsLevel && esol.level() == null) {
                throw new RuleViolation("outcome.level", "Give the level assessed or of the course");
            }
            if (esol.result() == EsolOutcomeKind.PLACED_ON_COURSE && esol.courseStart() == null) {
                throw new RuleViolation("outcome.courseStart", "Give the date the course starts");
            }
        }
        if (outcome instanceof ReferralOutcome.OutOfSchoolSettingsConcern concern
                && facts instanceof ReferralFacts.OutOfSchoolSettingsConcern concernFacts) {
            if (concernFacts.suspectedUnregisteredSchool()
                    && !concern.actions().contains(SafeguardingAction.REFERRED_TO_OFSTED)) {
                throw new RuleViolation(
                        "outcome.actions", "A suspected unregistered school must be referred to Ofsted");
            }
            if (concernFacts.allegationAgainstStaffOrVolunteer() && !ladoInformed) {
                throw new RuleViolation(
                        "outcome.actions",
                        "An allegation against staff or a volunteer must reach the LADO: record that first");
            }
        }
    }
}
