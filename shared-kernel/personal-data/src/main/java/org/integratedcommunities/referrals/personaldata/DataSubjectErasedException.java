package org.integratedcommunities.referrals.personaldata;

import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;

/**
 * New personal data was about to be sealed for a data subject who has been erased. Their key is destroyed for good and
 * is never re-created, so nothing more can be recorded about them. (Opening a subject's old data never throws this: it
 * reads back as {@link Opened#erased() erased}.)
 */
public class DataSubjectErasedException extends PersonalDataException {

    private final DataSubjectId subject;

    public DataSubjectErasedException(DataSubjectId subject) {
        super("Data subject " + subject + " has been erased: no personal data can be sealed for them any more");
        this.subject = subject;
    }

    public DataSubjectId subject() {
        return subject;
    }
}
