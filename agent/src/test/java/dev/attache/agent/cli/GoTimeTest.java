package dev.attache.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoTimeTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void zuluPrintsAsUtcWithTrailingFractionZerosTrimmed() {
        assertThat(GoTime.parse("2020-05-22T18:52:31.123456Z").goString(BERLIN))
                .isEqualTo("2020-05-22 18:52:31.123456 +0000 UTC");
        assertThat(GoTime.parse("2020-05-22T18:52:31.120000000Z").goString(BERLIN))
                .isEqualTo("2020-05-22 18:52:31.12 +0000 UTC");
        assertThat(GoTime.parse("2020-05-22T18:52:31Z").goString(BERLIN)).isEqualTo("2020-05-22 18:52:31 +0000 UTC");
    }

    @Test
    void foreignNumericOffsetPrintsTheOffsetTwice() {
        assertThat(GoTime.parse("2022-05-27T11:33:07.529511+08:00").goString(BERLIN))
                .isEqualTo("2022-05-27 11:33:07.529511 +0800 +0800");
        assertThat(GoTime.parse("2022-05-27T11:33:07-04:30").goString(BERLIN))
                .isEqualTo("2022-05-27 11:33:07 -0430 -0430");
    }

    @Test
    void numericOffsetOfTheLocalZoneTakesItsAbbreviation() {
        assertThat(GoTime.parse("2022-05-27T11:33:07+02:00").goString(BERLIN))
                .isEqualTo("2022-05-27 11:33:07 +0200 CEST");
        assertThat(GoTime.parse("2022-01-27T11:33:07+01:00").goString(BERLIN))
                .isEqualTo("2022-01-27 11:33:07 +0100 CET");
        assertThat(GoTime.parse("2022-01-27T11:33:07+00:00").goString(ZoneId.of("UTC")))
                .isEqualTo("2022-01-27 11:33:07 +0000 UTC");
        assertThat(GoTime.parse("2022-01-27T11:33:07+00:00").goString(BERLIN))
                .isEqualTo("2022-01-27 11:33:07 +0000 +0000");
        assertThat(GoTime.parse("2022-01-27T11:33:07+03:00").goString(ZoneId.of("Etc/GMT-3")))
                .isEqualTo("2022-01-27 11:33:07 +0300 +03");
    }

    @Test
    void jsonIsRfc3339WithZForAZeroOffset() {
        assertThat(GoTime.parse("2018-10-24T12:25:06.921933000-04:00").rfc3339())
                .isEqualTo("2018-10-24T12:25:06.921933-04:00");
        assertThat(GoTime.parse("2018-10-24T12:25:06+00:00").rfc3339()).isEqualTo("2018-10-24T12:25:06Z");
        assertThat(GoTime.parse("2018-10-24T12:25:06.000000001Z").rfc3339()).isEqualTo("2018-10-24T12:25:06.000000001Z");
    }

    @Test
    void zeroTimeIsGosZeroValue() {
        assertThat(GoTime.ZERO.rfc3339()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(GoTime.ZERO.goString(BERLIN)).isEqualTo("0001-01-01 00:00:00 +0000 UTC");
        assertThat(GoTime.parse("0001-01-01T00:00:00Z").isZero()).isTrue();
        assertThat(GoTime.parse("2020-05-22T18:52:31Z").isZero()).isFalse();
    }

    @Test
    void localZoneFollowsTzLikeGo() {
        assertThat(GoTime.localZone(Map.of("TZ", "Asia/Shanghai"))).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(GoTime.localZone(Map.of("TZ", ":Europe/Berlin"))).isEqualTo(BERLIN);
        assertThat(GoTime.localZone(Map.of("TZ", ""))).isEqualTo(ZoneId.of("UTC"));
        assertThat(GoTime.localZone(Map.of("TZ", "Nowhere/Land"))).isEqualTo(ZoneId.of("UTC"));
        assertThat(GoTime.localZone(Map.of())).isEqualTo(ZoneId.systemDefault());
    }
}
