package org.integratedcommunities.referrals.commandside.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;
import org.integratedcommunities.referrals.commandside.rules.RuleViolation;
import org.integratedcommunities.referrals.kernel.identity.Actor;

/**
 * A client's {@code Idempotency-Key} for one request, with a fingerprint of what was asked. Retrying with the same
 * key and the same request creates nothing twice and answers as the first time; the same key with a different request
 * is refused.
 */
public record Idempotency(String key, String fingerprint) {

    public static final String HEADER = "Idempotency-Key";
    static final String KEY_METADATA = "idempotencyKey";
    static final String FINGERPRINT_METADATA = "requestFingerprint";

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._:-]{8,100}");

    /** No key given: the request is handled every time it arrives. */
    public static final Idempotency NONE = new Idempotency(null, null);

    /**
     * @param request the method, path and body of the request as the client sent them, in a stable form
     */
    public static Idempotency of(String key, String request) {
        if (key == null || key.isBlank()) {
            return NONE;
        }
        if (!ALLOWED.matcher(key).matches()) {
            throw new RuleViolation(
                    HEADER, "An idempotency key is 8 to 100 letters, digits, dots, colons, hyphens or underscores");
        }
        return new Idempotency(key, sha256(request));
    }

    /** The key for one of several commands a single request sends, so each is handled once. */
    public Idempotency forStep(String step) {
        return present() ? new Idempotency(key + ":" + step, fingerprint) : NONE;
    }

    public boolean present() {
        return key != null;
    }

    /**
     * The id of a record this request creates: derived from the user and the key when a key is given, so a retry
     * names the same record the first attempt created.
     */
    public UUID newId(Actor actor) {
        if (!present()) {
            return UUID.randomUUID();
        }
        return UUID.nameUUIDFromBytes((actor.userId().value() + "\n" + key).getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
