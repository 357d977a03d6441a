package org.integratedcommunities.referrals.queryside.audit.integrity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The signed checkpoints as exported, to be kept somewhere the database's administrators cannot write, and the public
 * key that verifies them. The same JSON is the answer of {@code GET /api/audit/checkpoints} and what
 * {@code infra/audit verify --checkpoints} reads. Verify with a public key obtained separately and kept (the one in an
 * export proves nothing about that export).
 *
 * @param format always {@value #FORMAT}
 * @param publicKeyset Tink's JSON of the public keyset that verifies the signatures
 * @param checkpoints in position order
 */
public record CheckpointExport(
        @Schema(example = FORMAT) String format,

        @Schema(description = "Tink's JSON of the public keyset (Ed25519) that verifies the signatures")
        JsonNode publicKeyset,

        List<Entry> checkpoints) {

    public static final String FORMAT = "icr-event-chain-checkpoints/1";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One checkpoint.
     *
     * @param position the global_index of the last link covered
     * @param link the chain's link there, hex
     * @param eventCount the events chained up to it
     * @param createdAt when it was made (ISO-8601, UTC, microseconds)
     * @param signature Base64 of Tink's signature over {@link Checkpoint#signedText()}
     */
    public record Entry(long position, String link, long eventCount, String createdAt, String signature) {

        static Entry of(Checkpoint checkpoint) {
            return new Entry(
                    checkpoint.position(),
                    ChainEncoding.hex(checkpoint.link()),
                    checkpoint.eventCount(),
                    checkpoint.createdAt().toString(),
                    Base64.getEncoder().encodeToString(checkpoint.signature()));
        }

        Checkpoint checkpoint() {
            return new Checkpoint(
                    position,
                    HexFormat.of().parseHex(link),
                    eventCount,
                    Instant.parse(createdAt),
                    Base64.getDecoder().decode(signature));
        }
    }

    /** Every checkpoint stored in the database, with the public key that verifies them. */
    public static CheckpointExport read(Connection connection, SigningKeys.PublicKeys publicKeys) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT position, link, event_count, created_at, signature"
                        + " FROM audit.event_chain_checkpoint ORDER BY position")) {
            while (rows.next()) {
                entries.add(Entry.of(new Checkpoint(
                        rows.getLong(1),
                        rows.getBytes(2),
                        rows.getLong(3),
                        rows.getObject(4, OffsetDateTime.class).toInstant(),
                        rows.getBytes(5))));
            }
        }
        try {
            return new CheckpointExport(FORMAT, JSON.readTree(publicKeys.json()), entries);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Tink wrote a public keyset that is not JSON", e);
        }
    }

    /**
     * The checkpoints of an exported document.
     *
     * @throws IllegalArgumentException if it is not such a document
     */
    public static List<Checkpoint> checkpoints(String json) {
        try {
            CheckpointExport export = JSON.readValue(json, CheckpointExport.class);
            if (!FORMAT.equals(export.format()) || export.checkpoints() == null) {
                throw new IllegalArgumentException("Not an export of checkpoints in the format " + FORMAT);
            }
            return export.checkpoints().stream().map(Entry::checkpoint).toList();
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "Not an export of checkpoints in the format " + FORMAT + ": " + e.getMessage(), e);
        }
    }

    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
