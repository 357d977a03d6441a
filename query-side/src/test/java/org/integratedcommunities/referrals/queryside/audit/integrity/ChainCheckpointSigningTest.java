package org.integratedcommunities.referrals.queryside.audit.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checkpoints are signed over their exported fields and verify offline with the public key alone. */
class ChainCheckpointSigningTest {

    private final SigningKeys keys = SigningKeys.parse(SigningKeys.generate());
    private final Checkpoint checkpoint = keys.sign(
            new Checkpoint(42, ChainEncoding.genesis(), 40, Instant.parse("2026-11-24T10:15:30.123456Z"), null));

    @Test
    void aCheckpointVerifiesWithThePublicKeyAloneAfterAnExport() {
        SigningKeys.PublicKeys published =
                SigningKeys.PublicKeys.parse(keys.publicKeys().json());
        assertThat(published.signed(checkpoint)).isTrue();
        String json = new CheckpointExport(
                        CheckpointExport.FORMAT, null, List.of(CheckpointExport.Entry.of(checkpoint)))
                .toJson();
        assertThat(CheckpointExport.checkpoints(json)).containsExactly(checkpoint);
        assertThat(published.signed(CheckpointExport.checkpoints(json).get(0))).isTrue();
    }

    @Test
    void anAlteredCheckpointOrOneSignedWithAnotherKeyIsRejected() {
        for (Checkpoint altered : List.of(
                new Checkpoint(43, checkpoint.link(), 40, checkpoint.createdAt(), checkpoint.signature()),
                new Checkpoint(42, checkpoint.link(), 41, checkpoint.createdAt(), checkpoint.signature()),
                new Checkpoint(42, new byte[32], 40, checkpoint.createdAt(), checkpoint.signature()),
                new Checkpoint(
                        42, checkpoint.link(), 40, checkpoint.createdAt().plusNanos(1000), checkpoint.signature()),
                new Checkpoint(42, checkpoint.link(), 40, checkpoint.createdAt(), null))) {
            assertThat(keys.publicKeys().signed(altered)).as(altered.toString()).isFalse();
        }
        SigningKeys another = SigningKeys.parse(SigningKeys.generate());
        assertThat(keys.publicKeys().signed(another.sign(checkpoint))).isFalse();
        assertThat(another.publicKeys().signed(checkpoint)).isFalse();
    }

    @Test
    void aMalformedKeyIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> SigningKeys.parse("bm90IGEga2V5c2V0"))
                .hasMessageContaining(SigningKeys.PROPERTY)
                .hasMessageNotContaining("bm90IGEga2V5c2V0");
        assertThatThrownBy(() -> SigningKeys.parse(" ")).hasMessageContaining("not set");
    }

    @Test
    void theDevelopmentKeyInTheConfigurationIsAValidSigningKey() throws Exception {
        String yaml = new String(
                ChainCheckpointSigningTest.class
                        .getResourceAsStream("/application.yml")
                        .readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        String value = yaml.replaceAll("(?s).*signing-key: \\$\\{ICR_AUDIT_SIGNING_KEY:([^}]*)}.*", "$1");
        SigningKeys development = SigningKeys.parse(value);
        assertThat(development.publicKeys().signed(development.sign(checkpoint)))
                .isTrue();
    }
}
