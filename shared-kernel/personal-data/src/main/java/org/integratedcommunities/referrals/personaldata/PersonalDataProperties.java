package org.integratedcommunities.referrals.personaldata;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code icr.personal-data.*}.
 *
 * @param masterKey {@value MasterKeys#PROPERTY}: the master key, a Base64-encoded Tink AEAD keyset in JSON (see
 *     {@link MasterKeys}). Required: the application does not start without it.
 * @param keyCache {@code icr.personal-data.key-cache.*}: how long and how many unwrapped subject keys are kept
 */
@ConfigurationProperties(prefix = "icr.personal-data")
public record PersonalDataProperties(
        String masterKey, @DefaultValue KeyCache keyCache) {

    /**
     * @param lifetime {@code icr.personal-data.key-cache.lifetime} (default 30s; 0 turns caching off): the longest
     *     another process may go on using a subject's key after the subject was erased
     * @param maxEntries {@code icr.personal-data.key-cache.max-entries} (default 10000)
     */
    public record KeyCache(
            @DefaultValue("30s") Duration lifetime,
            @DefaultValue("10000") int maxEntries) {}

    /** Never shows the master key. */
    @Override
    public String toString() {
        return "PersonalDataProperties[masterKey=" + (masterKey == null ? "unset" : "[redacted]") + ", keyCache="
                + keyCache + "]";
    }
}
