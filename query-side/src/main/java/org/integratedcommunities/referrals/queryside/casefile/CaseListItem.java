package org.integratedcommunities.referrals.queryside.casefile;

import java.time.LocalDate;
import org.integratedcommunities.referrals.queryside.referral.PersonalDataState;

/**
 * A case in the holding agency's list: the case, and just enough of the person to recognise them (name and date of
 * birth, opened for this reader; the rest is on the case's own page).
 */
public record CaseListItem(CaseView caseFile, Person person) {

    /**
     * @param text what to show instead of the name when not opened ({@code "[erased]"}...); null when opened
     */
    public record Person(PersonalDataState state, String fullName, LocalDate dateOfBirth, String text) {

        static Person of(OpenedPerson opened) {
            return opened.details() == null
                    ? new Person(opened.state(), null, null, opened.text())
                    : new Person(
                            opened.state(),
                            opened.details().fullName(),
                            opened.details().dateOfBirth(),
                            null);
        }
    }
}
