package dev.easel.ui.sweep;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The sweep dialog's estimate says a time in seconds, minutes or hours. */
class SweepWordsTest {

    @Test
    void aTimeIsSaidInTheUnitThatReadsBest() {
        assertThat(SweepWords.duration(Duration.ofMillis(200))).isEqualTo("1 s");
        assertThat(SweepWords.duration(Duration.ofSeconds(89))).isEqualTo("89 s");
        assertThat(SweepWords.duration(Duration.ofSeconds(150))).isEqualTo("3 min");
        assertThat(SweepWords.duration(Duration.ofMinutes(150))).isEqualTo("2.5 h");
    }
}
