package org.integratedcommunities.referrals.queryside.audit.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The chain's format is stored for good: these values pin it, and show the encoding is unambiguous. */
class ChainEncodingTest {

    private final MessageDigest sha256 = ChainEncoding.sha256();

    @Test
    void theFormatIsPinnedByKnownValues() {
        assertThat(ChainEncoding.hex(ChainEncoding.genesis()))
                .isEqualTo("2bf7a739d5d4aa360eef83bb30fb7b976c34b9166ae24ad66ebab24b81cca9c7");
        assertThat(ChainEncoding.hex(ChainEncoding.eventLink(ChainEncoding.genesis(), 1, new byte[32], sha256)))
                .isEqualTo("6d1921c3e3b539e5a9c07d6dfe2cfef4c2325c031665d996e542f316a4c8f8f8");
        assertThat(ChainEncoding.hex(ChainEncoding.gapLink(ChainEncoding.genesis(), 2, 4, sha256)))
                .isEqualTo("a52322f9e3fc80009229a31330916232b5672dbcb327929116a6eebde29ecc8e");
    }

    @Test
    void bytesMovedFromOneColumnToTheNextGiveAnotherDigest() {
        byte[] digest = digest("event-1", "aggregate", "{\"a\":1}", "{}");
        assertThat(digest("event-", "1aggregate", "{\"a\":1}", "{}")).isNotEqualTo(digest);
        assertThat(digest("event-1", "aggregate", "{\"a\":1}{", "}")).isNotEqualTo(digest);
        assertThat(digest("event-1", "aggregate", "{\"a\":1}", "{}")).isEqualTo(digest);
    }

    @Test
    void nullAndEmptyAreDifferent() {
        byte[] withNullRevision = ChainEncoding.digest("e", "a", 0, "Case", "t", "p", null, bytes("{}"), null, sha256);
        byte[] withEmptyRevision = ChainEncoding.digest("e", "a", 0, "Case", "t", "p", "", bytes("{}"), null, sha256);
        byte[] withEmptyMetaData =
                ChainEncoding.digest("e", "a", 0, "Case", "t", "p", null, bytes("{}"), new byte[0], sha256);
        assertThat(withNullRevision).isNotEqualTo(withEmptyRevision).isNotEqualTo(withEmptyMetaData);
    }

    @Test
    void aLinkDependsOnItsPositionItsPredecessorAndWhetherItIsAGap() {
        byte[] digest = digest("e", "a", "{}", "{}");
        byte[] link = ChainEncoding.eventLink(ChainEncoding.genesis(), 5, digest, sha256);
        assertThat(ChainEncoding.eventLink(ChainEncoding.genesis(), 6, digest, sha256))
                .isNotEqualTo(link);
        assertThat(ChainEncoding.eventLink(link, 5, digest, sha256)).isNotEqualTo(link);
        assertThat(ChainEncoding.gapLink(ChainEncoding.genesis(), 5, 5, sha256)).isNotEqualTo(link);
        assertThat(ChainEncoding.gapLink(ChainEncoding.genesis(), 5, 6, sha256))
                .isNotEqualTo(ChainEncoding.gapLink(ChainEncoding.genesis(), 5, 5, sha256));
        assertThat(HexFormat.of().formatHex(link)).hasSize(2 * ChainEncoding.LINK_BYTES);
    }

    private byte[] digest(String eventIdentifier, String aggregateIdentifier, String payload, String metaData) {
        return ChainEncoding.digest(
                eventIdentifier,
                aggregateIdentifier,
                0,
                "Case",
                "2026-11-24T10:00:00Z",
                "org.example.CaseOpenedEvent",
                "1",
                bytes(payload),
                bytes(metaData),
                sha256);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
