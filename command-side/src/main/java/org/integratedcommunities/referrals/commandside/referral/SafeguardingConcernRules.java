package org.integratedcommunities.referrals.commandside.referral;

import org.integratedcommunities.referrals.commandside.rules.RuleViolation;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.referral.ReferralFacts;
import org.integratedcommunities.referrals.kernel.referral.ReferralParticulars;

/** The rules for raising a concern about an out-of-school setting. */
final class SafeguardingConcernRules {

    private SafeguardingConcernRules() {}

    static void check(ReferralFacts.OutOfSchoolSettingsConcern facts, ReferralParticulars particulars, CaseId caseId) {
        if (caseId != null) {
            throw new RuleViolation("caseId", "A concern is about a setting, not a person's case: leave the case out");
        }
        if (facts.childInImmediateDanger() && !facts.emergencyServicesCalled()) {
            throw new RuleViolation(
                    "facts.emergencyServicesCalled",
                    "A child in immediate danger needs 999 first: call 999, then record that it was done");
        }
        var concern = (ReferralParticulars.OutOfSchoolSettingsConcern) particulars;
        if (facts.reporterAnonymous() && (!isBlank(concern.reporterName()) || !isBlank(concern.reporterContact()))) {
            throw new RuleViolation(
                    "particulars.reporterName", "An anonymous reporter's name and contact must be left out");
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
