package org.integratedcommunities.referrals.commandside.personaldata;

import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;
import org.integratedcommunities.referrals.kernel.personaldata.Sealed;
import org.integratedcommunities.referrals.personaldata.PersonalDataVault;
import org.springframework.stereotype.Component;

/** Seals with the data subject's own key from the vault. */
@Component
class VaultSealer implements PersonalDataSealer {

    private final PersonalDataVault vault;

    VaultSealer(PersonalDataVault vault) {
        this.vault = vault;
    }

    @Override
    public Sealed seal(DataSubjectId subject, String plaintext) {
        return vault.seal(subject, plaintext);
    }

    @Override
    public <T> Sealed sealJson(DataSubjectId subject, T value) {
        return vault.sealJson(subject, value);
    }
}
