package org.integratedcommunities.referrals.personaldata;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * The master key: the Tink AEAD that wraps every data subject's key before it is stored.
 *
 * <p><b>Format of {@value #PROPERTY}:</b> a Tink keyset in JSON (cleartext, as {@code TinkJsonProtoKeysetFormat} writes
 * it) holding AEAD keys, encoded in Base64 (standard alphabet; whitespace is ignored). The primary key wraps new subject
 * keys; every key in the keyset can unwrap, so a master key is rotated by adding a new primary key to the keyset and
 * keeping the old ones. Lose or change it and every stored subject key becomes unreadable: keep it in the secret store,
 * never in the repository (except the documented development value).
 *
 * <p><b>Making a new master key</b> (operators): {@link #generate()} returns a fresh AES256-GCM keyset in that format,
 * for example from {@code jshell} with this module's classpath:
 *
 * <pre>{@code
 * ./mvnw -q -pl shared-kernel/personal-data -am install -DskipTests
 * ./mvnw -q -pl shared-kernel/personal-data dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * echo 'System.out.println(org.integratedcommunities.referrals.personaldata.MasterKeys.generate());' \
 *   | jshell -q --class-path "shared-kernel/personal-data/target/classes:$(cat shared-kernel/personal-data/target/classpath.txt)" -
 * }</pre>
 *
 * or with Google's {@code tinkey}: {@code tinkey create-keyset --key-template AES256_GCM --out-format json | base64 -w0}.
 */
public final class MasterKeys {

    /** The configuration property that holds the master key. */
    public static final String PROPERTY = "icr.personal-data.master-key";

    private static final String EXPECTED = "a Base64-encoded Tink AEAD keyset in JSON, such as"
            + " org.integratedcommunities.referrals.personaldata.MasterKeys.generate() makes"
            + " (in production from the ICR_MASTER_KEY secret)";

    static {
        Tink.register();
    }

    private MasterKeys() {}

    /** A new master key (one AES256-GCM key) in the format {@value #PROPERTY} takes. */
    public static String generate() {
        try {
            KeysetHandle keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            String json = TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
            return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink could not generate a master key", e);
        }
    }

    /**
     * The AEAD of a master key in the format {@value #PROPERTY} takes.
     *
     * @throws InvalidMasterKeyException naming the property if the value is missing or malformed; the message never
     *     contains the value
     */
    public static Aead parse(String configured) {
        if (configured == null || configured.isBlank()) {
            throw new InvalidMasterKeyException(PROPERTY + " is not set: personal data cannot be sealed or opened"
                    + " without the master key. Set it to " + EXPECTED + ".");
        }
        byte[] json;
        try {
            json = Base64.getDecoder().decode(configured.replaceAll("\\s", ""));
        } catch (IllegalArgumentException notBase64) {
            throw malformed("it is not Base64");
        }
        KeysetHandle keyset;
        try {
            keyset = TinkJsonProtoKeysetFormat.parseKeyset(
                    new String(json, StandardCharsets.UTF_8), InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException | RuntimeException notAKeyset) {
            // The cause is left out on purpose: parser messages may quote the secret.
            throw malformed("it is Base64 but not a Tink keyset in JSON");
        }
        try {
            return keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException | RuntimeException notAead) {
            throw malformed("it is a Tink keyset but not of AEAD keys");
        }
    }

    private static InvalidMasterKeyException malformed(String why) {
        return new InvalidMasterKeyException(PROPERTY + " is malformed: " + why + ". Expected " + EXPECTED + ".");
    }
}
