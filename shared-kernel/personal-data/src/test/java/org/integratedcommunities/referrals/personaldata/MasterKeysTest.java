package org.integratedcommunities.referrals.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.mac.PredefinedMacParameters;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class MasterKeysTest {

    @Test
    void aGeneratedMasterKeyParsesAndWrapsAndUnwraps() throws Exception {
        String generated = MasterKeys.generate();

        var aead = MasterKeys.parse(generated);

        byte[] wrapped = aead.encrypt("subject key".getBytes(StandardCharsets.UTF_8), new byte[0]);
        assertThat(new String(aead.decrypt(wrapped, new byte[0]), StandardCharsets.UTF_8))
                .isEqualTo("subject key");
        assertThat(new String(Base64.getDecoder().decode(generated), StandardCharsets.UTF_8))
                .contains("AesGcmKey");
        assertThat(MasterKeys.generate()).isNotEqualTo(generated);
    }

    @Test
    void whitespaceInTheConfiguredValueIsIgnored() {
        String generated = MasterKeys.generate();
        String wrappedLines = generated.substring(0, 40) + "\n  " + generated.substring(40) + "\n";

        assertThat(MasterKeys.parse(wrappedLines)).isNotNull();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void aMissingMasterKeyIsRefusedNamingTheProperty(String configured) {
        assertThatThrownBy(() -> MasterKeys.parse(configured))
                .isInstanceOf(InvalidMasterKeyException.class)
                .hasMessageContaining("icr.personal-data.master-key is not set")
                .hasMessageContaining("MasterKeys.generate()");
    }

    @Test
    void aValueThatIsNotBase64IsRefusedWithoutQuotingIt() {
        String secretLooking = "not*base64*secret-value";

        assertThatThrownBy(() -> MasterKeys.parse(secretLooking))
                .isInstanceOf(InvalidMasterKeyException.class)
                .hasMessageContaining("icr.personal-data.master-key is malformed: it is not Base64")
                .hasMessageNotContaining(secretLooking);
    }

    @Test
    void aRawKeyInsteadOfAKeysetIsRefused() {
        String raw32Bytes = Base64.getEncoder().encodeToString(new byte[32]);

        assertThatThrownBy(() -> MasterKeys.parse(raw32Bytes))
                .isInstanceOf(InvalidMasterKeyException.class)
                .hasMessageContaining("icr.personal-data.master-key is malformed")
                .hasMessageContaining("not a Tink keyset in JSON")
                .hasMessageNotContaining(raw32Bytes)
                .hasNoCause();
    }

    @Test
    void aKeysetOfAnotherPrimitiveIsRefused() throws Exception {
        MacConfig.register();
        String macKeyset = TinkJsonProtoKeysetFormat.serializeKeyset(
                KeysetHandle.generateNew(PredefinedMacParameters.HMAC_SHA256_256BITTAG), InsecureSecretKeyAccess.get());

        assertThatThrownBy(() -> MasterKeys.parse(
                        Base64.getEncoder().encodeToString(macKeyset.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(InvalidMasterKeyException.class)
                .hasMessageContaining("icr.personal-data.master-key is malformed")
                .hasMessageContaining("not of AEAD keys");
    }
}
