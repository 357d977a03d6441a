package org.integratedcommunities.referrals.queryside.referral;

import org.integratedcommunities.referrals.kernel.referral.ReferralParticulars;

/**
 * A referral's particulars as this reader gets them.
 *
 * @param value the particulars when {@code OPENED}; null otherwise
 * @param text what to show instead when not opened ({@code "[erased]"}...); null when opened
 */
public record OpenedParticulars(PersonalDataState state, ReferralParticulars value, String text) {

    static OpenedParticulars opened(ReferralParticulars value) {
        return new OpenedParticulars(PersonalDataState.OPENED, value, null);
    }

    static OpenedParticulars not(PersonalDataState state) {
        return new OpenedParticulars(state, null, OpenedText.shownFor(state));
    }
}
