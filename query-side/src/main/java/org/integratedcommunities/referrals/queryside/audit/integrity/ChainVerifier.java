package org.integratedcommunities.referrals.queryside.audit.integrity;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import org.integratedcommunities.referrals.queryside.audit.integrity.ChainProblem.Kind;

/**
 * Verifies the event store against its chain: recomputes every link from the stored events and compares it with the
 * stored chain and with signed checkpoints, and names the first bad position. Plain Java on a JDBC connection (no
 * Spring): the query API, {@code infra/audit verify} and the benchmark run it alike.
 *
 * <p>Events and links are read as two cursors in one repeatable-read, read-only transaction, so they are seen at one
 * moment, and merged in global order; memory does not grow with the store. The first problem ends the verification.
 *
 * <p>What the stored chain alone proves: nothing was changed, removed, added or reordered without also editing the
 * chain. Someone who can write both tables could rewrite the chain after an edit; the signed checkpoints (signed with
 * a key the database does not hold) catch that up to the last checkpoint, and exported checkpoints kept elsewhere
 * catch it even if the database's own checkpoints were deleted.
 */
public final class ChainVerifier {

    private static final String LINKS =
            "SELECT global_index, gap_end, event_digest, link FROM audit.event_chain_link ORDER BY global_index";
    private static final String EVENTS = "SELECT " + ChainEncoding.EVENT_COLUMNS
            + " FROM event_store.domain_event_entry WHERE global_index <= ? ORDER BY global_index";
    private static final String CHAIN_END =
            "SELECT coalesce(max(coalesce(gap_end, global_index)), 0) FROM audit.event_chain_link";
    private static final String HEAD = "SELECT position, link FROM audit.event_chain_head";
    private static final String UNCHAINED =
            "SELECT count(*) FROM event_store.domain_event_entry WHERE global_index > ?";
    private static final String CHECKPOINTS = "SELECT position, link, event_count, created_at, signature"
            + " FROM audit.event_chain_checkpoint ORDER BY position";
    private static final String CHAINED_ELSEWHERE = "SELECT global_index FROM audit.event_chain_link"
            + " WHERE event_digest = ? AND global_index <> ? ORDER BY global_index LIMIT 1";
    private static final int FETCH = 2000;

    private final SigningKeys.PublicKeys publicKeys;
    private final List<Checkpoint> exported;

    /**
     * @param publicKeys checks the checkpoints' signatures; null to check checkpoints against the chain only
     * @param exported checkpoints exported earlier and kept elsewhere, checked besides the database's own
     */
    public ChainVerifier(SigningKeys.PublicKeys publicKeys, Collection<Checkpoint> exported) {
        this.publicKeys = publicKeys;
        this.exported = List.copyOf(Objects.requireNonNull(exported, "exported"));
    }

    /** Verifies in a transaction of its own on this connection (its auto-commit is restored afterwards). */
    public VerificationResult verify(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement setup = connection.createStatement()) {
            setup.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            // One long read: the pool's statement timeout is for short ones. LOCAL: it ends with the transaction.
            setup.execute("SET LOCAL statement_timeout = 0");
            return verifyInTransaction(connection);
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    private VerificationResult verifyInTransaction(Connection connection) throws SQLException {
        Run run = new Run();
        PriorityQueue<Expected> checkpoints =
                new PriorityQueue<>(Comparator.comparingLong(e -> e.checkpoint.position()));
        for (Checkpoint stored : storedCheckpoints(connection)) {
            checkpoints.add(new Expected(stored, "the database's checkpoint"));
        }
        exported.forEach(checkpoint -> checkpoints.add(new Expected(checkpoint, "the exported checkpoint")));
        run.checkpoints = checkpoints.size();

        long chainEnd = single(connection, CHAIN_END, null);
        run.chainedThrough = chainEnd;
        run.unchained = single(connection, UNCHAINED, chainEnd);

        MessageDigest sha256 = ChainEncoding.sha256();
        byte[] previous = ChainEncoding.genesis();
        byte[] storedPrevious = null;
        long previousEnd = 0;
        try (PreparedStatement linkQuery = connection.prepareStatement(LINKS);
                PreparedStatement eventQuery = connection.prepareStatement(EVENTS)) {
            linkQuery.setFetchSize(FETCH);
            eventQuery.setFetchSize(FETCH);
            eventQuery.setLong(1, chainEnd);
            try (ResultSet links = linkQuery.executeQuery();
                    ResultSet events = eventQuery.executeQuery()) {
                boolean haveEvent = events.next();
                if (haveEvent && events.getLong(1) < 1) {
                    return run.problem(events.getLong(1), Kind.UNEXPECTED, "an event below the first global index");
                }
                while (links.next()) {
                    long start = links.getLong(1);
                    long gapEnd = links.getLong(2);
                    boolean gap = !links.wasNull();
                    long end = gap ? gapEnd : start;
                    byte[] storedDigest = links.getBytes(3);
                    byte[] storedLink = links.getBytes(4);
                    long expectedStart = previousEnd + 1;
                    if (start != expectedStart) {
                        return run.problem(
                                Math.min(start, expectedStart),
                                Kind.CHAIN_ALTERED,
                                start > expectedStart
                                        ? "no link covers global indexes " + expectedStart + " to " + (start - 1)
                                        : "links overlap");
                    }
                    byte[] recomputed;
                    if (gap) {
                        if (haveEvent && events.getLong(1) <= end) {
                            return run.problem(
                                    events.getLong(1),
                                    Kind.UNEXPECTED,
                                    "an event at an index the chain recorded as a rolled-back insert");
                        }
                        recomputed = ChainEncoding.gapLink(previous, start, end, sha256);
                        run.gapRuns++;
                    } else {
                        if (!haveEvent || events.getLong(1) != start) {
                            return run.problem(start, Kind.MISSING, "the event chained here is gone");
                        }
                        byte[] digest = ChainEncoding.digest(events, sha256);
                        if (!Arrays.equals(digest, storedDigest)) {
                            Long elsewhere = chainedElsewhere(connection, digest, start);
                            return elsewhere == null
                                    ? run.problem(start, Kind.CHANGED, "a stored column differs from what was chained")
                                    : run.problem(
                                            start,
                                            Kind.OUT_OF_ORDER,
                                            "the event here was chained at global index " + elsewhere);
                        }
                        recomputed = ChainEncoding.eventLink(previous, start, digest, sha256);
                        run.events++;
                        haveEvent = events.next();
                    }
                    if (!Arrays.equals(recomputed, storedLink)) {
                        return run.problem(
                                start, Kind.CHAIN_ALTERED, "the stored link does not follow from the one before");
                    }
                    while (!checkpoints.isEmpty()
                            && checkpoints.peek().checkpoint.position() <= end) {
                        ChainProblem problem = check(checkpoints.poll(), end, recomputed, run.events);
                        if (problem != null) {
                            return run.problem(problem);
                        }
                    }
                    previous = recomputed;
                    storedPrevious = storedLink;
                    previousEnd = end;
                }
                if (haveEvent) {
                    return run.problem(events.getLong(1), Kind.UNEXPECTED, "an event no link covers");
                }
            }
        }
        ChainProblem head = checkHead(connection, previousEnd, storedPrevious);
        if (head != null) {
            return run.problem(head);
        }
        if (!checkpoints.isEmpty()) {
            Expected beyond = checkpoints.poll();
            return run.problem(
                    beyond.checkpoint.position(),
                    Kind.CHECKPOINT_MISMATCH,
                    beyond.source + " covers global index " + beyond.checkpoint.position() + " but the chain ends at "
                            + previousEnd + ": events and links after it were removed");
        }
        return run.intact();
    }

    /** A checkpoint reached at the link ending at {@code end}, whose recomputed link is {@code link}. */
    private ChainProblem check(Expected expected, long end, byte[] link, long events) {
        Checkpoint checkpoint = expected.checkpoint;
        long position = checkpoint.position();
        if (publicKeys != null && !publicKeys.signed(checkpoint)) {
            return new ChainProblem(
                    position,
                    Kind.CHECKPOINT_INVALID,
                    expected.source + " is not signed by the given key: it was altered, or signed with another key");
        }
        if (position != end) {
            return new ChainProblem(
                    position,
                    Kind.CHECKPOINT_MISMATCH,
                    expected.source + " is at an index that is not an event of the chain: the chain was rewritten"
                            + " before it");
        }
        if (!Arrays.equals(checkpoint.link(), link) || checkpoint.eventCount() != events) {
            return new ChainProblem(
                    position,
                    Kind.CHECKPOINT_MISMATCH,
                    expected.source + " does not match the chain recomputed from the events: events up to here"
                            + " were changed and the chain rewritten to hide it");
        }
        return null;
    }

    private static ChainProblem checkHead(Connection connection, long chainEnd, byte[] lastLink) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet head = statement.executeQuery(HEAD)) {
            if (!head.next()) {
                return new ChainProblem(chainEnd + 1, Kind.CHAIN_ALTERED, "the chain's head row is gone");
            }
            long position = head.getLong(1);
            if (position != chainEnd || !Arrays.equals(head.getBytes(2), lastLink)) {
                return new ChainProblem(
                        Math.min(position, chainEnd) + 1,
                        Kind.CHAIN_ALTERED,
                        "the chain's head (global index " + position + ") does not match its last link (global index "
                                + chainEnd + "): links were removed or added");
            }
            return null;
        }
    }

    private static Long chainedElsewhere(Connection connection, byte[] digest, long position) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement(CHAINED_ELSEWHERE)) {
            find.setBytes(1, digest);
            find.setLong(2, position);
            try (ResultSet found = find.executeQuery()) {
                return found.next() ? found.getLong(1) : null;
            }
        }
    }

    private static List<Checkpoint> storedCheckpoints(Connection connection) throws SQLException {
        List<Checkpoint> checkpoints = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(CHECKPOINTS)) {
            while (rows.next()) {
                checkpoints.add(new Checkpoint(
                        rows.getLong(1),
                        rows.getBytes(2),
                        rows.getLong(3),
                        rows.getObject(4, OffsetDateTime.class).toInstant(),
                        rows.getBytes(5)));
            }
        }
        return checkpoints;
    }

    private static long single(Connection connection, String sql, Long parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setLong(1, parameter);
            }
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private record Expected(Checkpoint checkpoint, String source) {}

    private final class Run {
        long chainedThrough;
        long events;
        long gapRuns;
        long unchained;
        int checkpoints;

        VerificationResult problem(long position, Kind kind, String detail) {
            return problem(new ChainProblem(position, kind, detail));
        }

        VerificationResult problem(ChainProblem problem) {
            return new VerificationResult(
                    false, chainedThrough, events, gapRuns, unchained, checkpoints, publicKeys != null, problem);
        }

        VerificationResult intact() {
            return new VerificationResult(
                    true, chainedThrough, events, gapRuns, unchained, checkpoints, publicKeys != null, null);
        }
    }
}
