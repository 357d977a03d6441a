package org.integratedcommunities.referrals.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A database that is down for a while gives one warning with its cause, not one every interval, and a note when back. */
@ExtendWith(OutputCaptureExtension.class)
class PeriodicallyReadMetersTest {

    @Test
    void aRunOfFailedReadingsIsWarnedOfOnceAndItsEndIsNoted(CapturedOutput output) {
        AtomicInteger readings = new AtomicInteger();
        AtomicInteger meters = new AtomicInteger();
        PeriodicallyReadMeters unreachableFourTimes = new PeriodicallyReadMeters("test-meters", Duration.ofMillis(10)) {
            @Override
            protected void registerMeters() {
                meters.incrementAndGet();
            }

            @Override
            protected void read() {
                if (readings.incrementAndGet() <= 4) {
                    throw new IllegalStateException("database unreachable");
                }
            }
        };

        unreachableFourTimes.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> readings.get() >= 6);
        } finally {
            unreachableFourTimes.stop();
        }

        assertThat(meters).hasValue(1);
        assertThat(unreachableFourTimes.isRunning()).isFalse();
        assertThat(output.getOut().lines().filter(line -> line.contains("WARN")))
                .as("one warning for four failed readings in a row")
                .hasSize(1)
                .allSatisfy(line -> assertThat(line).contains("Reading the test-meters gauges failed"));
        assertThat(output.getOut())
                .contains("database unreachable")
                .contains("Reading the test-meters gauges works again");
    }
}
