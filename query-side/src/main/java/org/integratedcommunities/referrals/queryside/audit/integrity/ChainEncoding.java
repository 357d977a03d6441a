package org.integratedcommunities.referrals.queryside.audit.integrity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * The chain's format: how an event row is encoded and hashed, and how one link follows from the one before. Stored for
 * good (every link and every exported checkpoint depends on it): never change it; a new format needs a new genesis.
 *
 * <pre>
 * digest(row) = SHA-256( text(event_identifier) text(aggregate_identifier) int64(sequence_number) text(type)
 *                        text(time_stamp) text(payload_type) text(payload_revision) bytes(payload) bytes(meta_data) )
 * link(0)     = SHA-256( UTF-8 "ICR event chain v1" )                                      (the genesis)
 * link        = SHA-256( previous link  int64(n)  0x01  digest(row n) )      an event at global_index n
 *             = SHA-256( previous link  int64(a)  0x00  int64(b) )           a run of permanent gaps, a to b
 *
 * text(x), bytes(x) = 0x00 for NULL, else 0x01 int32(length) followed by the UTF-8 text or the bytes
 * int32, int64     = big-endian two's complement
 * </pre>
 *
 * Every stored column is covered exactly as stored (the time stamp as its text, payload and metadata as their bytes,
 * never re-serialised), so the chain does not depend on how anything reads the events, and survives crypto-shredding:
 * an erasure destroys a key outside these rows. The length prefixes and NULL markers make the encoding unambiguous
 * (no two different rows encode alike). {@code global_index} enters the link rather than the digest, so an event's
 * digest does not depend on where it sits: the verifier can tell an event that moved (its digest is chained at another
 * position) from one that changed. Hashing the digest rather than the columns themselves costs one 32-byte hash more
 * per event and binds the columns just as well.
 */
public final class ChainEncoding {

    /** The column list, in the order {@link #digest(ResultSet)} reads it. */
    public static final String EVENT_COLUMNS = "global_index, event_identifier, aggregate_identifier, sequence_number,"
            + " type, time_stamp, payload_type, payload_revision, payload, meta_data";

    public static final int LINK_BYTES = 32;

    private static final byte[] GENESIS = sha256().digest("ICR event chain v1".getBytes(StandardCharsets.UTF_8));
    private static final byte EVENT = 1;
    private static final byte GAP = 0;

    private ChainEncoding() {}

    /** The link before the first: what link(1) follows from. */
    public static byte[] genesis() {
        return GENESIS.clone();
    }

    /**
     * The digest of the event row at the cursor's current row, selected with {@link #EVENT_COLUMNS} (its
     * {@code global_index}, column 1, is not part of the digest).
     */
    public static byte[] digest(ResultSet row, MessageDigest sha256) throws SQLException {
        return digest(
                row.getString(2),
                row.getString(3),
                row.getLong(4),
                row.getString(5),
                row.getString(6),
                row.getString(7),
                row.getString(8),
                row.getBytes(9),
                row.getBytes(10),
                sha256);
    }

    /** The digest of an event row's columns but {@code global_index}, as stored. */
    public static byte[] digest(
            String eventIdentifier,
            String aggregateIdentifier,
            long sequenceNumber,
            String type,
            String timeStamp,
            String payloadType,
            String payloadRevision,
            byte[] payload,
            byte[] metaData,
            MessageDigest sha256) {
        sha256.reset();
        text(sha256, eventIdentifier);
        text(sha256, aggregateIdentifier);
        int64(sha256, sequenceNumber);
        text(sha256, type);
        text(sha256, timeStamp);
        text(sha256, payloadType);
        text(sha256, payloadRevision);
        bytes(sha256, payload);
        bytes(sha256, metaData);
        return sha256.digest();
    }

    /** The link of an event at {@code position} with this digest. */
    public static byte[] eventLink(byte[] previous, long position, byte[] digest, MessageDigest sha256) {
        sha256.reset();
        sha256.update(previous);
        int64(sha256, position);
        sha256.update(EVENT);
        sha256.update(digest);
        return sha256.digest();
    }

    /** The link of a run of permanent gaps (rolled-back inserts) from {@code first} to {@code last}. */
    public static byte[] gapLink(byte[] previous, long first, long last, MessageDigest sha256) {
        sha256.reset();
        sha256.update(previous);
        int64(sha256, first);
        sha256.update(GAP);
        int64(sha256, last);
        return sha256.digest();
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static void text(MessageDigest sha256, String value) {
        bytes(sha256, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void bytes(MessageDigest sha256, byte[] value) {
        if (value == null) {
            sha256.update((byte) 0);
            return;
        }
        sha256.update((byte) 1);
        sha256.update(ByteBuffer.allocate(4).putInt(value.length).array());
        sha256.update(value);
    }

    private static void int64(MessageDigest sha256, long value) {
        sha256.update(ByteBuffer.allocate(8).putLong(value).array());
    }
}
