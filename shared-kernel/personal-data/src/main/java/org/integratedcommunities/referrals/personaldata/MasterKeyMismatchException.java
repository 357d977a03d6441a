package org.integratedcommunities.referrals.personaldata;

import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;

/**
 * A data subject's stored key could not be unwrapped with the configured master key: {@value MasterKeys#PROPERTY} is
 * not the master key (nor contains the master key) that wrapped it, or the stored key was altered.
 */
public class MasterKeyMismatchException extends PersonalDataException {

    private final DataSubjectId subject;

    public MasterKeyMismatchException(DataSubjectId subject, Throwable cause) {
        super(
                "The key of data subject " + subject + " cannot be unwrapped with the configured master key ("
                        + MasterKeys.PROPERTY + "): it is not the master key the subject's key was wrapped with, or"
                        + " the stored key was altered. When rotating the master key, keep the old key in the keyset"
                        + " (add the new one as primary) so existing subject keys still unwrap.",
                cause);
        this.subject = subject;
    }

    public DataSubjectId subject() {
        return subject;
    }
}
