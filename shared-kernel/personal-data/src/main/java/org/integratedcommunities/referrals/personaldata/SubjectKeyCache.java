package org.integratedcommunities.referrals.personaldata;

import com.google.crypto.tink.Aead;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;

/**
 * Unwrapped subject keys (or the fact that a subject is erased), kept briefly so that reading a stream of events does
 * not unwrap the same key again and again. Bounded (least recently used entries go first) and short-lived: an entry is
 * used for at most {@code lifetime} after it was read from the database, which bounds how long another process may go
 * on using a key after an erasure. In this process an erasure takes effect at once: {@link #invalidate} drops the entry
 * and bumps an epoch so that a load that was already under way when the key was erased is not cached.
 */
final class SubjectKeyCache {

    /** What is known about a subject's key. */
    sealed interface SubjectKey permits Usable, Destroyed {}

    record Usable(Aead aead) implements SubjectKey {}

    enum Destroyed implements SubjectKey {
        INSTANCE
    }

    private record Entry(SubjectKey key, long loadedAt) {}

    private final long lifetimeNanos;
    private final LongSupplier nanoTime;
    private final Map<DataSubjectId, Entry> entries;
    private long epoch;

    SubjectKeyCache(Duration lifetime, int maxEntries, LongSupplier nanoTime) {
        if (lifetime.isNegative()) {
            throw new IllegalArgumentException("the key cache lifetime must not be negative: " + lifetime);
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("the key cache must hold at least one entry: " + maxEntries);
        }
        this.lifetimeNanos = lifetime.toNanos();
        this.nanoTime = nanoTime;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<DataSubjectId, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The cached key, or {@code null} if there is none or it is older than the lifetime. */
    synchronized SubjectKey get(DataSubjectId subject) {
        Entry entry = entries.get(subject);
        if (entry == null) {
            return null;
        }
        if (nanoTime.getAsLong() - entry.loadedAt() >= lifetimeNanos) {
            entries.remove(subject);
            return null;
        }
        return entry.key();
    }

    /** Taken before a key is read from the database, and handed to {@link #put} with what was read. */
    record Load(long epoch, long startedAt) {}

    synchronized Load beginLoad() {
        return new Load(epoch, nanoTime.getAsLong());
    }

    /**
     * Caches a key read from the database, unless something was invalidated since the read began. Its lifetime counts
     * from the start of the read.
     */
    synchronized void put(DataSubjectId subject, SubjectKey key, Load load) {
        if (lifetimeNanos > 0 && epoch == load.epoch()) {
            entries.put(subject, new Entry(key, load.startedAt()));
        }
    }

    synchronized void invalidate(DataSubjectId subject) {
        epoch++;
        entries.remove(subject);
    }
}
