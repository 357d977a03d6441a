package org.integratedcommunities.referrals.personaldata;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;
import org.integratedcommunities.referrals.personaldata.SubjectKeyCache.Destroyed;
import org.junit.jupiter.api.Test;

class SubjectKeyCacheTest {

    private final AtomicLong now = new AtomicLong();
    private final DataSubjectId amira = new DataSubjectId(UUID.randomUUID());
    private final DataSubjectId bilal = new DataSubjectId(UUID.randomUUID());

    @Test
    void anEntryLivesForTheLifetimeCountedFromTheStartOfItsLoad() {
        SubjectKeyCache cache = new SubjectKeyCache(Duration.ofSeconds(30), 10, now::get);
        SubjectKeyCache.Load load = cache.beginLoad();
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        cache.put(amira, Destroyed.INSTANCE, load);

        now.addAndGet(Duration.ofSeconds(24).toNanos());
        assertThat(cache.get(amira)).isEqualTo(Destroyed.INSTANCE);
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(cache.get(amira)).isNull();
    }

    @Test
    void aLoadThatRacedAnInvalidationIsNotCached() {
        SubjectKeyCache cache = new SubjectKeyCache(Duration.ofSeconds(30), 10, now::get);
        SubjectKeyCache.Load load = cache.beginLoad();
        cache.invalidate(amira);

        cache.put(amira, Destroyed.INSTANCE, load);

        assertThat(cache.get(amira)).isNull();
    }

    @Test
    void theLeastRecentlyUsedEntryGoesFirst() {
        SubjectKeyCache cache = new SubjectKeyCache(Duration.ofSeconds(30), 1, now::get);
        cache.put(amira, Destroyed.INSTANCE, cache.beginLoad());
        cache.put(bilal, Destroyed.INSTANCE, cache.beginLoad());

        assertThat(cache.get(amira)).isNull();
        assertThat(cache.get(bilal)).isEqualTo(Destroyed.INSTANCE);
    }

    @Test
    void aZeroLifetimeCachesNothing() {
        SubjectKeyCache cache = new SubjectKeyCache(Duration.ZERO, 10, now::get);
        cache.put(amira, Destroyed.INSTANCE, cache.beginLoad());

        assertThat(cache.get(amira)).isNull();
    }
}
