package org.parley.calls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The timeline's call texts; a duration reads m:ss under an hour and h:mm:ss from an hour on. */
class CallNoticesTest {

    @Test
    void durationsAndTexts() {
        assertThat(CallNotices.duration(0)).isEqualTo("0:00");
        assertThat(CallNotices.duration(65_400)).isEqualTo("1:05");
        assertThat(CallNotices.duration(59 * 60_000 + 59_999)).isEqualTo("59:59");
        assertThat(CallNotices.duration(3_600_000)).isEqualTo("1:00:00");
        assertThat(CallNotices.duration(3_725_000)).isEqualTo("1:02:05");
        assertThat(CallNotices.ended(125_000)).isEqualTo("Call ended, 2:05");
        assertThat(CallNotices.started("Ann", "audio")).isEqualTo("Ann started a voice call");
        assertThat(CallNotices.started("Ann", "video")).isEqualTo("Ann started a video call");
        assertThat(CallNotices.missed("Ann")).isEqualTo("Missed call from Ann");
        assertThat(CallNotices.declined("Bob")).isEqualTo("Bob declined the call");
    }
}
