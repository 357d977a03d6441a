package org.integratedcommunities.referrals.personaldata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;
import org.integratedcommunities.referrals.kernel.personaldata.Sealed;
import org.integratedcommunities.referrals.personaldata.SubjectKeyCache.Destroyed;
import org.integratedcommunities.referrals.personaldata.SubjectKeyCache.Load;
import org.integratedcommunities.referrals.personaldata.SubjectKeyCache.SubjectKey;
import org.integratedcommunities.referrals.personaldata.SubjectKeyCache.Usable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Seals personal data with a key per data subject before it goes into an event, opens it again, and erases a subject
 * by destroying their key (crypto-shredding): the events stay, their personal data reads back as {@link Opened#erased()
 * erased}.
 *
 * <p><b>Keys.</b> Each subject's key is a Tink AEAD keyset (AES256-GCM), created on first {@link #seal}, stored in
 * {@code data_subject_key} (migration {@code db/personaldata}, found through the connection's {@code search_path})
 * encrypted ("wrapped") by the {@link MasterKeys master key}. The subject id is bound to both the wrapped key and every
 * ciphertext as associated data, so neither can be moved to another subject.
 *
 * <p><b>Transactions.</b> The vault uses the {@link JdbcTemplate} it is given and manages no transactions: inside a
 * Spring transaction, {@link #seal} (when it creates a key) and {@link #erase} take part in it, so an erasure commits
 * or rolls back together with the event that records it.
 *
 * <p><b>Key cache.</b> Unwrapped keys are cached for a short, configurable lifetime (default 30 s). An erasure takes
 * effect in this process at once. Another process (the other application, another instance) may go on opening the
 * subject's data, and sealing new data for them, with a key it cached before the erasure, for no longer than its cache
 * lifetime; data sealed that way is unreadable once its cache entry expires, like everything else about the subject. A
 * lifetime of zero turns caching off.
 *
 * <p><b>Formats</b> (stored for good; do not change): ciphertext = Base64 (standard) of Tink's AEAD output, associated
 * data = the subject id's canonical UUID text in UTF-8; wrapped key = {@code TinkProtoKeysetFormat} encrypted keyset
 * with associated data {@code "data_subject_key:" + subject id}. {@link #sealJson} writes JSON with ISO-8601 dates.
 *
 * <p>Thread-safe.
 */
public final class PersonalDataVault {

    public static final Duration DEFAULT_KEY_CACHE_LIFETIME = Duration.ofSeconds(30);
    public static final int DEFAULT_KEY_CACHE_MAX_ENTRIES = 10_000;

    private static final String SELECT_KEY = "SELECT wrapped_keyset FROM data_subject_key WHERE subject_id = ?";
    private static final String SELECT_ERASED =
            "SELECT erased_at IS NOT NULL FROM data_subject_key WHERE subject_id = ?";
    private static final String INSERT_KEY = "INSERT INTO data_subject_key (subject_id, wrapped_keyset, created_at)"
            + " VALUES (?, ?, now()) ON CONFLICT (subject_id) DO NOTHING";
    // A subject never seen before gets an erased row too, so that no key is ever created for them afterwards.
    private static final String ERASE =
            "INSERT INTO data_subject_key AS k (subject_id, wrapped_keyset, created_at, erased_at)"
                    + " VALUES (?, NULL, now(), now())"
                    + " ON CONFLICT (subject_id) DO UPDATE SET wrapped_keyset = NULL, erased_at = EXCLUDED.erased_at"
                    + " WHERE k.erased_at IS NULL";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    static {
        Tink.register();
    }

    private final JdbcTemplate jdbc;
    private final Aead masterKey;
    private final SubjectKeyCache cache;

    /** A vault with the default key cache (30 s, 10,000 subjects). */
    public PersonalDataVault(JdbcTemplate jdbc, Aead masterKey) {
        this(jdbc, masterKey, DEFAULT_KEY_CACHE_LIFETIME, DEFAULT_KEY_CACHE_MAX_ENTRIES);
    }

    /**
     * @param masterKey the master key's AEAD, from {@link MasterKeys#parse}
     * @param keyCacheLifetime how long an unwrapped key is used before it is read again; zero turns caching off
     * @param keyCacheMaxEntries how many subjects' keys are cached at most
     */
    public PersonalDataVault(JdbcTemplate jdbc, Aead masterKey, Duration keyCacheLifetime, int keyCacheMaxEntries) {
        this(jdbc, masterKey, keyCacheLifetime, keyCacheMaxEntries, System::nanoTime);
    }

    PersonalDataVault(
            JdbcTemplate jdbc,
            Aead masterKey,
            Duration keyCacheLifetime,
            int keyCacheMaxEntries,
            LongSupplier nanoTime) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.masterKey = Objects.requireNonNull(masterKey, "masterKey");
        this.cache = new SubjectKeyCache(
                Objects.requireNonNull(keyCacheLifetime, "keyCacheLifetime"), keyCacheMaxEntries, nanoTime);
    }

    /**
     * Encrypts personal data with its subject's key, creating the key on first use.
     *
     * @throws DataSubjectErasedException if the subject has been erased
     */
    public Sealed seal(DataSubjectId subject, String plaintext) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(plaintext, "plaintext");
        if (!(key(subject, true) instanceof Usable usable)) {
            throw new DataSubjectErasedException(subject);
        }
        try {
            byte[] ciphertext =
                    usable.aead().encrypt(plaintext.getBytes(StandardCharsets.UTF_8), associatedData(subject));
            return new Sealed(subject, Base64.getEncoder().encodeToString(ciphertext));
        } catch (GeneralSecurityException e) {
            throw new PersonalDataException("Personal data of data subject " + subject + " could not be sealed", e);
        }
    }

    /**
     * Seals a value as JSON (records, {@code java.time} types as ISO-8601 text).
     *
     * @throws DataSubjectErasedException if the subject has been erased
     */
    public <T> Sealed sealJson(DataSubjectId subject, T value) {
        Objects.requireNonNull(value, "value");
        String json;
        try {
            json = JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new PersonalDataException(
                    "A " + value.getClass().getName() + " of data subject " + subject + " cannot be written as JSON",
                    e);
        }
        return seal(subject, json);
    }

    /**
     * Decrypts personal data, or tells that its subject has been erased. Never throws for an erased subject.
     *
     * @throws SealedDataIntegrityException if the ciphertext was altered or sealed for another subject
     * @throws MasterKeyMismatchException if the subject's key cannot be unwrapped with the configured master key
     */
    public Opened<String> open(Sealed sealed) {
        Objects.requireNonNull(sealed, "sealed");
        DataSubjectId subject = sealed.subject();
        byte[] ciphertext;
        try {
            ciphertext = Base64.getDecoder().decode(sealed.ciphertext());
        } catch (IllegalArgumentException e) {
            throw new SealedDataIntegrityException(subject, "the ciphertext is not Base64", null);
        }
        SubjectKey key = key(subject, false);
        if (key == null) {
            throw new SealedDataIntegrityException(
                    subject, "no key was ever created for this data subject, so nothing was sealed for them", null);
        }
        if (!(key instanceof Usable usable)) {
            return Opened.erased();
        }
        try {
            byte[] plaintext = usable.aead().decrypt(ciphertext, associatedData(subject));
            return Opened.of(new String(plaintext, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new SealedDataIntegrityException(
                    subject, "the ciphertext was altered, or was sealed for another data subject", e);
        }
    }

    /**
     * Opens a value sealed with {@link #sealJson}.
     *
     * @throws SealedDataIntegrityException if the ciphertext was altered or sealed for another subject
     * @throws PersonalDataException if the opened JSON is not a {@code type}
     */
    public <T> Opened<T> openJson(Sealed sealed, Class<T> type) {
        Objects.requireNonNull(type, "type");
        return open(sealed).map(json -> readJson(json, type, sealed.subject()));
    }

    /**
     * Destroys the subject's key for good: the wrapped key is set to NULL and the erasure time recorded. Afterwards the
     * subject's data reads back as erased and nothing more can be sealed for them. Idempotent; a subject never seen
     * before is recorded as erased. Takes part in the caller's Spring transaction, if any.
     *
     * <p>PostgreSQL keeps the old row version until VACUUM removes it, and backups keep it for as long as they are
     * kept: the key is gone from the live database at commit, and from disk and backups on their own schedules.
     */
    public void erase(DataSubjectId subject) {
        Objects.requireNonNull(subject, "subject");
        jdbc.update(ERASE, subject.value());
        cache.invalidate(subject);
        // Again when the transaction ends: a load racing the commit may have cached the key it still saw.
        afterTransaction(subject, true);
    }

    /** Whether the subject has been erased (as committed in the database, or by the caller's transaction). */
    public boolean isErased(DataSubjectId subject) {
        Objects.requireNonNull(subject, "subject");
        Boolean erased = jdbc.query(SELECT_ERASED, rs -> rs.next() && rs.getBoolean(1), subject.value());
        if (Boolean.TRUE.equals(erased)) {
            cache.invalidate(subject);
            return true;
        }
        return false;
    }

    /** The subject's key (from the cache, else the database), created if asked; null if there is none. */
    private SubjectKey key(DataSubjectId subject, boolean createIfMissing) {
        SubjectKey cached = cache.get(subject);
        if (cached != null) {
            return cached;
        }
        Load load = cache.beginLoad();
        Row row = read(subject);
        if (row == null) {
            if (!createIfMissing) {
                return null;
            }
            if (jdbc.update(INSERT_KEY, subject.value(), wrap(subject, newKeyset())) == 1) {
                afterTransaction(subject, false);
            }
            row = read(subject); // the key just inserted, or the one a concurrent first seal inserted
            if (row == null) {
                throw new IllegalStateException("The key of data subject " + subject + " vanished after insertion");
            }
        }
        SubjectKey key = keyOf(subject, row);
        if (canFollowTransaction()) {
            cache.put(subject, key, load);
        }
        return key;
    }

    private record Row(byte[] wrappedKeyset) {}

    private Row read(DataSubjectId subject) {
        return jdbc.query(SELECT_KEY, rs -> rs.next() ? new Row(rs.getBytes(1)) : null, subject.value());
    }

    private SubjectKey keyOf(DataSubjectId subject, Row row) {
        if (row.wrappedKeyset() == null) {
            return Destroyed.INSTANCE;
        }
        try {
            KeysetHandle keyset = TinkProtoKeysetFormat.parseEncryptedKeyset(
                    row.wrappedKeyset(), masterKey, keyAssociatedData(subject));
            return new Usable(keyset.getPrimitive(RegistryConfiguration.get(), Aead.class));
        } catch (GeneralSecurityException e) {
            throw new MasterKeyMismatchException(subject, e);
        }
    }

    private static KeysetHandle newKeyset() {
        try {
            return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink could not generate a data subject key", e);
        }
    }

    private byte[] wrap(DataSubjectId subject, KeysetHandle keyset) {
        try {
            return TinkProtoKeysetFormat.serializeEncryptedKeyset(keyset, masterKey, keyAssociatedData(subject));
        } catch (GeneralSecurityException e) {
            throw new PersonalDataException("The key of data subject " + subject + " could not be wrapped", e);
        }
    }

    /**
     * Makes the cache forget the subject when the caller's transaction ends: whatever the outcome if {@code always},
     * else only if it did not commit (a key created in a transaction that rolls back must not stay cached).
     */
    private void afterTransaction(DataSubjectId subject, boolean always) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (always || status != STATUS_COMMITTED) {
                        cache.invalidate(subject);
                    }
                }
            });
        }
    }

    /**
     * Whether what was read may be cached: outside a transaction (auto-commit), or inside one whose end the vault hears
     * of. Inside a transaction without synchronization, a key read may be one that transaction created and may yet
     * roll back, so nothing is cached.
     */
    private static boolean canFollowTransaction() {
        return TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive();
    }

    private static <T> T readJson(String json, Class<T> type, DataSubjectId subject) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            // Neither the cause nor its message: Jackson quotes the input, which is personal data.
            var at = e.getLocation();
            throw new PersonalDataException("Personal data of data subject " + subject + " cannot be read as a "
                    + type.getName() + ": " + e.getClass().getSimpleName()
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        }
    }

    private static byte[] associatedData(DataSubjectId subject) {
        return subject.value().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] keyAssociatedData(DataSubjectId subject) {
        return ("data_subject_key:" + subject.value()).getBytes(StandardCharsets.UTF_8);
    }
}
