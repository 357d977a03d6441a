package org.integratedcommunities.referrals.queryside.audit.integrity;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Objects;

/**
 * A signed checkpoint: the chain's link at {@code position}, how many events (not gaps) the chain holds up to it, and
 * when it was made. The signature covers {@link #signedText()}, a text that anyone can rebuild from the exported
 * fields.
 *
 * @param position the global_index of the last link covered
 * @param link the link at that position (32 bytes)
 * @param eventCount the events chained from 1 to {@code position}; the rest of those indexes are permanent gaps
 * @param createdAt when it was made, to the microsecond (PostgreSQL's precision)
 * @param signature Tink's signature (Ed25519, with Tink's 5-byte key-id prefix) over {@link #signedText()}
 */
public record Checkpoint(long position, byte[] link, long eventCount, Instant createdAt, byte[] signature) {

    public Checkpoint {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(createdAt, "createdAt");
        createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
        link = link.clone();
        signature = signature == null ? null : signature.clone();
    }

    /**
     * What is signed, stored for good: {@code "ICR event chain checkpoint v1\n" position "\n" hex(link) "\n"
     * eventCount "\n" createdAt (ISO-8601, UTC) "\n"} in UTF-8.
     */
    public byte[] signedText() {
        return ("ICR event chain checkpoint v1\n" + position + "\n" + ChainEncoding.hex(link) + "\n" + eventCount + "\n"
                        + createdAt + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    Checkpoint signedWith(byte[] newSignature) {
        return new Checkpoint(position, link, eventCount, createdAt, newSignature);
    }

    @Override
    public byte[] link() {
        return link.clone();
    }

    @Override
    public byte[] signature() {
        return signature == null ? null : signature.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Checkpoint that
                && position == that.position
                && eventCount == that.eventCount
                && Arrays.equals(link, that.link)
                && createdAt.equals(that.createdAt)
                && Arrays.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(position, eventCount, Arrays.hashCode(link), createdAt, Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
        return "Checkpoint[position=" + position + ", link=" + ChainEncoding.hex(link) + ", eventCount=" + eventCount
                + ", createdAt=" + createdAt + "]";
    }
}
