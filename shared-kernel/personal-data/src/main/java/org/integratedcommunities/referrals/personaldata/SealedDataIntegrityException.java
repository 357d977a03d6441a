package org.integratedcommunities.referrals.personaldata;

import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;

/**
 * Sealed data could not be opened with its data subject's key: the ciphertext was altered, is not valid Base64, was
 * sealed for another data subject (the subject is bound to the ciphertext), or no key was ever created for the
 * subject. This is never an erasure: erased data reads back as {@link Opened#erased() erased} instead.
 */
public class SealedDataIntegrityException extends PersonalDataException {

    private final DataSubjectId subject;

    public SealedDataIntegrityException(DataSubjectId subject, String reason, Throwable cause) {
        super("Sealed personal data of data subject " + subject + " cannot be opened: " + reason, cause);
        this.subject = subject;
    }

    public DataSubjectId subject() {
        return subject;
    }
}
