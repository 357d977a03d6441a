package org.integratedcommunities.referrals.commandside.personaldata;

import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;
import org.integratedcommunities.referrals.kernel.personaldata.Sealed;

/**
 * How aggregates seal personal data before it goes into an event. In the application this is the
 * {@link org.integratedcommunities.referrals.personaldata.PersonalDataVault}; tests of aggregate behaviour use a
 * predictable stand-in, since real ciphertexts differ on every call.
 */
public interface PersonalDataSealer {

    Sealed seal(DataSubjectId subject, String plaintext);

    <T> Sealed sealJson(DataSubjectId subject, T value);
}
