package org.integratedcommunities.referrals.personaldata;

import com.google.crypto.tink.aead.AeadConfig;
import java.security.GeneralSecurityException;

/** Registers Tink's AEAD key types once per class loader, before any keyset is parsed or used. */
final class Tink {

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Tink() {}

    /** Does nothing but make sure the registration above has run. */
    static void register() {}
}
