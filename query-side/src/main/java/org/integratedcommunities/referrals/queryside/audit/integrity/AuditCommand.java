package org.integratedcommunities.referrals.queryside.audit.integrity;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code infra/audit}: the verifier for an auditor at a command line, against any copy of the database, without the
 * application running. A plain {@code main} (no Spring), run from the query side's packaged jar.
 *
 * <pre>
 * verify --jdbc-url URL [--user U] [--password P] [--public-key FILE] [--checkpoints FILE]
 * new-signing-key
 * benchmark [--events N] [--admin-jdbc-url URL] [--user U] [--password P]
 * </pre>
 *
 * {@code verify} exits 0 when intact, 1 with the first bad position when not, 2 when it could not verify (bad
 * arguments, no database). {@code --public-key} (Tink's JSON of the public keyset, as {@code GET
 * /api/audit/checkpoints} gives it under {@code publicKeyset}) checks the signatures of the database's checkpoints;
 * {@code --checkpoints} (that endpoint's whole answer, kept elsewhere) checks an export too, and needs the key.
 * {@code new-signing-key} prints a new private keyset for {@code ICR_AUDIT_SIGNING_KEY} and its public keyset.
 * {@code benchmark} times chaining and verifying N generated events (default 1,000,000) in a scratch database it
 * creates on the server of {@code --admin-jdbc-url} and drops afterwards ({@link ChainBenchmark}).
 */
public final class AuditCommand {

    static final int INTACT = 0;
    static final int NOT_INTACT = 1;
    static final int FAILED = 2;

    private static final String USAGE = """
            usage: infra/audit verify --jdbc-url URL [--user U] [--password P] [--public-key FILE] [--checkpoints FILE]
                   infra/audit new-signing-key
                   infra/audit benchmark [--events N] [--admin-jdbc-url URL] [--user U] [--password P]""";

    private AuditCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1 && args[0].equals("new-signing-key")) {
            String key = SigningKeys.generate();
            out.println("ICR_AUDIT_SIGNING_KEY=" + key);
            out.println("public keyset: " + SigningKeys.parse(key).publicKeys().json());
            return INTACT;
        }
        if (args.length >= 1 && args[0].equals("benchmark")) {
            return benchmark(args, out, err);
        }
        if (args.length == 0 || !args[0].equals("verify")) {
            err.println(USAGE);
            return FAILED;
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (i + 1 >= args.length
                    || !List.of("--jdbc-url", "--user", "--password", "--public-key", "--checkpoints")
                            .contains(args[i])) {
                err.println("unknown or incomplete argument " + args[i] + "\n" + USAGE);
                return FAILED;
            }
            options.put(args[i], args[i + 1]);
        }
        if (!options.containsKey("--jdbc-url")) {
            err.println("--jdbc-url is needed\n" + USAGE);
            return FAILED;
        }
        if (options.containsKey("--checkpoints") && !options.containsKey("--public-key")) {
            err.println("--checkpoints needs --public-key: an export is only as good as the key that verifies it");
            return FAILED;
        }
        ChainVerifier verifier;
        try {
            SigningKeys.PublicKeys keys = options.containsKey("--public-key")
                    ? SigningKeys.PublicKeys.parse(read(options.get("--public-key")))
                    : null;
            List<Checkpoint> exported = options.containsKey("--checkpoints")
                    ? CheckpointExport.checkpoints(read(options.get("--checkpoints")))
                    : List.of();
            verifier = new ChainVerifier(keys, exported);
        } catch (IOException | IllegalArgumentException e) {
            err.println("cannot verify: " + e.getMessage());
            return FAILED;
        }
        try (Connection connection = DriverManager.getConnection(
                options.get("--jdbc-url"),
                options.getOrDefault("--user", ""),
                options.getOrDefault("--password", ""))) {
            VerificationResult result = verifier.verify(connection);
            (result.intact() ? out : err).println(result.summary());
            return result.intact() ? INTACT : NOT_INTACT;
        } catch (SQLException e) {
            err.println("cannot verify: " + e.getMessage());
            return FAILED;
        }
    }

    private static int benchmark(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        try {
            ChainBenchmark.run(
                    options.getOrDefault("--admin-jdbc-url", "jdbc:postgresql://127.0.0.1:5432/postgres"),
                    options.getOrDefault("--user", "postgres"),
                    options.getOrDefault("--password", ""),
                    Integer.parseInt(options.getOrDefault("--events", "1000000")),
                    out);
            return INTACT;
        } catch (SQLException | RuntimeException e) {
            err.println("benchmark failed: " + e.getMessage());
            return FAILED;
        }
    }

    private static String read(String file) throws IOException {
        return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    }
}
