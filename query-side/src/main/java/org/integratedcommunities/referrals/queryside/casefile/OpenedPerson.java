package org.integratedcommunities.referrals.queryside.casefile;

import org.integratedcommunities.referrals.kernel.casefile.PersonDetails;
import org.integratedcommunities.referrals.queryside.referral.OpenedText;
import org.integratedcommunities.referrals.queryside.referral.PersonalDataState;

/**
 * Who a case is about, as this reader gets it.
 *
 * @param details the person's details when {@code OPENED}; null otherwise
 * @param text what to show instead when not opened ({@code "[erased]"}, {@code "[unreadable]"}); null when opened
 */
public record OpenedPerson(PersonalDataState state, PersonDetails details, String text) {

    static OpenedPerson opened(PersonDetails details) {
        return new OpenedPerson(PersonalDataState.OPENED, details, null);
    }

    static OpenedPerson not(PersonalDataState state) {
        return new OpenedPerson(
                state,
                null,
                switch (state) {
                    case OPENED -> throw new IllegalArgumentException("opened data shows itself");
                    case ERASED -> OpenedText.ERASED;
                    case WITHHELD -> OpenedText.WITHHELD;
                    case UNREADABLE -> OpenedText.UNREADABLE;
                });
    }
}
