package org.integratedcommunities.referrals.queryside.audit.integrity;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.PublicKeyVerify;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.signature.PredefinedSignatureParameters;
import com.google.crypto.tink.signature.SignatureConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * The checkpoints' signing key: a Tink keyset of Ed25519 keys. The private keyset comes from {@value #PROPERTY}
 * (Base64 of the keyset's cleartext JSON, as {@link #generate()} prints it, like the personal-data master key); the
 * public keyset is exported as Tink's JSON for whoever verifies offline. Rotate by adding a new primary key to the
 * keyset and keeping the old ones: old checkpoints still verify, new ones are signed with the new key.
 */
public final class SigningKeys {

    /** The configuration property holding the private keyset. */
    public static final String PROPERTY = "icr.audit.signing-key";

    static {
        try {
            SignatureConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final PublicKeySign signer;
    private final PublicKeys publicKeys;

    /** Makes sure the registration above has run (a caller may use {@link PublicKeys} alone). */
    private static void register() {}

    private SigningKeys(KeysetHandle privateKeyset) throws GeneralSecurityException {
        this.signer = privateKeyset.getPrimitive(RegistryConfiguration.get(), PublicKeySign.class);
        this.publicKeys = new PublicKeys(privateKeyset.getPublicKeysetHandle());
    }

    /** A new private keyset (one Ed25519 key) in the format {@value #PROPERTY} takes. */
    public static String generate() {
        try {
            KeysetHandle keyset = KeysetHandle.generateNew(PredefinedSignatureParameters.ED25519);
            String json = TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
            return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink could not generate a signing key", e);
        }
    }

    /**
     * The keys of a configured private keyset.
     *
     * @throws IllegalArgumentException naming the property if the value is missing or malformed; the message never
     *     quotes the value
     */
    public static SigningKeys parse(String configured) {
        if (configured == null || configured.isBlank()) {
            throw new IllegalArgumentException(PROPERTY + " is not set: checkpoints cannot be signed without it");
        }
        try {
            byte[] json = Base64.getDecoder().decode(configured.replaceAll("\\s", ""));
            return new SigningKeys(TinkJsonProtoKeysetFormat.parseKeyset(
                    new String(json, StandardCharsets.UTF_8), InsecureSecretKeyAccess.get()));
        } catch (GeneralSecurityException | RuntimeException malformed) {
            // The cause is left out on purpose: parser messages may quote the secret.
            throw new IllegalArgumentException(PROPERTY + " is malformed: expected Base64 of a Tink keyset in JSON"
                    + " holding signature keys, as SigningKeys.generate() makes");
        }
    }

    Checkpoint sign(Checkpoint unsigned) {
        try {
            return unsigned.signedWith(signer.sign(unsigned.signedText()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign a checkpoint", e);
        }
    }

    public PublicKeys publicKeys() {
        return publicKeys;
    }

    /** The public half: verifies checkpoints, and is what is exported. */
    public static final class PublicKeys {

        static {
            SigningKeys.register();
        }

        private final PublicKeyVerify verifier;
        private final String json;

        private PublicKeys(KeysetHandle publicKeyset) throws GeneralSecurityException {
            this.verifier = publicKeyset.getPrimitive(RegistryConfiguration.get(), PublicKeyVerify.class);
            this.json = TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(publicKeyset);
        }

        /**
         * Public keys from Tink's JSON of a public keyset, as {@link #json()} writes it.
         *
         * @throws IllegalArgumentException if it is not a public keyset of signature keys
         */
        public static PublicKeys parse(String json) {
            try {
                return new PublicKeys(TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(json.trim()));
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new IllegalArgumentException("Not a Tink public keyset (JSON) of signature keys", e);
            }
        }

        /** True if one of these keys signed the checkpoint exactly as it is. */
        public boolean signed(Checkpoint checkpoint) {
            if (checkpoint.signature() == null) {
                return false;
            }
            try {
                verifier.verify(checkpoint.signature(), checkpoint.signedText());
                return true;
            } catch (GeneralSecurityException e) {
                return false;
            }
        }

        /** Tink's JSON of the public keyset: no secret in it. */
        public String json() {
            return json;
        }
    }
}
