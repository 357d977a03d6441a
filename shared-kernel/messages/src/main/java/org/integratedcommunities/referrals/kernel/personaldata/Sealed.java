package org.integratedcommunities.referrals.kernel.personaldata;

import java.util.Objects;

/**
 * Personal data as it sits in events: encrypted with its data subject's key, never in plain text. Opening it needs
 * that key; once the subject is erased the key is gone and the data reads back as erased.
 *
 * @param subject whose key sealed it
 * @param ciphertext the encrypted value, Base64
 */
public record Sealed(DataSubjectId subject, String ciphertext) {

    public Sealed {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(ciphertext, "ciphertext");
    }

    @Override
    public String toString() {
        return "Sealed[" + subject + "]";
    }
}
