package dev.attache.agent.lab.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.agent.lab.report.Report.FalseSuspicion;
import dev.attache.agent.lab.report.Report.FaultReport;
import dev.attache.agent.lab.report.Report.Observation;
import dev.attache.agent.lab.report.Report.PoolLatency;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportAnalyzerTest {
    @TempDir
    Path dir;

    /** dc1-s1 and dc1-c1..c10: eleven nodes of one datacenter, all joined at +100 ms. */
    private static LabFixture eleven() {
        LabFixture lab = new LabFixture("fast").node("dc1-s1", "dc1", "server");
        for (int i = 1; i <= 10; i++) {
            lab.node("dc1-c" + i, "dc1", "client");
        }
        return lab.fault(0, "up").joined(100);
    }

    private Report analyze(LabFixture lab) throws Exception {
        return ReportAnalyzer.analyze(LabReader.read(lab.write(dir)));
    }

    @Test
    void killDetectionPercentilesAreOverTheOtherObservers() throws Exception {
        LabFixture lab = eleven().fault(10_000, "kill", "dc1-c10");
        // dc1-s1 at 500 ms, dc1-c1..c9 at 600..1400 ms
        lab.saw(10_500, "dc1-s1", "dc1-c10", "alive", "failed");
        for (int i = 1; i <= 9; i++) {
            lab.saw(10_000 + 500 + 100 * i, "dc1-c" + i, "dc1-c10", "alive", "suspect");
            lab.saw(10_000 + 500 + 100 * i + 10, "dc1-c" + i, "dc1-c10", "suspect", "failed");
        }
        Report r = analyze(lab);

        FaultReport kill = r.faults().get(1);
        assertThat(kill.action()).isEqualTo("kill");
        assertThat(kill.kind()).isEqualTo(FaultReport.DETECTION);
        assertThat(kill.observations()).hasSize(10).extracting(Observation::observer).doesNotContain("dc1-c10");
        // sorted: 500 610 710 810 910 1010 1110 1210 1310 1410 (the failed record, not the suspect one, counts)
        assertThat(kill.latency()).containsExactly(new PoolLatency("lan", 10, 10, 910L, 1310L, 1410L, 1410L));
        assertThat(kill.missed()).isEmpty();
        assertThat(kill.convergenceMs()).isEqualTo(1410L);
        assertThat(kill.offsetMs()).isEqualTo(10_000L);
        assertThat(r.falseSuspicions()).as("every failed record is explained by the kill").isEmpty();
    }

    @Test
    void anObserverThatNeverDetectsIsListedAndThereIsNoConvergence() throws Exception {
        LabFixture lab = eleven().fault(10_000, "kill", "dc1-c10");
        lab.saw(10_800, "dc1-s1", "dc1-c10", "alive", "failed");
        for (int i = 1; i <= 8; i++) {
            lab.saw(11_000, "dc1-c" + i, "dc1-c10", "alive", "failed");
        }
        Report r = analyze(lab);

        FaultReport kill = r.faults().get(1);
        assertThat(kill.missed()).containsExactly("dc1-c9 -> dc1-c10 (lan, never)");
        assertThat(kill.convergenceMs()).isNull();
        assertThat(kill.latency().get(0).seen()).isEqualTo(9);
        assertThat(kill.latency().get(0).maxMs()).isEqualTo(1000L);
    }

    @Test
    void aSuspicionNoFaultExplainsIsFalseAndItsFlapIsCounted() throws Exception {
        LabFixture lab = eleven().fault(10_000, "kill", "dc1-c10");
        lab.saw(10_700, "dc1-c3", "dc1-c10", "alive", "failed"); // explained by the kill
        lab.saw(20_000, "dc1-c1", "dc1-c2", "alive", "suspect");
        lab.saw(20_500, "dc1-c1", "dc1-c2", "suspect", "failed");
        lab.saw(21_000, "dc1-c1", "dc1-c2", "failed", "alive");
        lab.saw(30_000, "dc1-c1", "dc1-c2", "alive", "failed");
        lab.saw(40_000, "dc1-s1", "dc1-c5", "alive", "suspect");
        Report r = analyze(lab);

        assertThat(r.falseSuspicions()).containsExactly(
                new FalseSuspicion("dc1-c1", "dc1-c2", "lan", 2, 1,
                        List.of("2026-12-04T01:02:20Z", "2026-12-04T01:02:30Z"),
                        List.of(LabFixture.T0 + 20_000, LabFixture.T0 + 30_000), List.of()),
                new FalseSuspicion("dc1-s1", "dc1-c5", "lan", 1, 0, List.of("2026-12-04T01:02:40Z"),
                        List.of(LabFixture.T0 + 40_000), List.of()));
        assertThat(r.overall().falseSuspicions()).isEqualTo(3);
    }

    @Test
    void pauseAndResumeGiveDetectionThenRecoveryConvergence() throws Exception {
        LabFixture lab = new LabFixture("fast").node("dc1-s1", "dc1", "server").node("dc1-c1", "dc1", "client")
                .node("dc1-c2", "dc1", "client").fault(0, "up").joined(200)
                .fault(5_000, "pause", "dc1-c2").fault(9_000, "resume", "dc1-c2");
        lab.saw(6_000, "dc1-s1", "dc1-c2", "alive", "failed").saw(6_400, "dc1-c1", "dc1-c2", "alive", "failed");
        lab.saw(9_300, "dc1-s1", "dc1-c2", "failed", "alive").saw(9_700, "dc1-c1", "dc1-c2", "failed", "alive");
        // the paused node, once resumed, wrongly sees the others fail for a moment: the pause explains it
        lab.saw(9_050, "dc1-c2", "dc1-s1", "alive", "suspect").saw(9_200, "dc1-c2", "dc1-s1", "suspect", "alive");
        Report r = analyze(lab);

        FaultReport up = r.faults().get(0);
        assertThat(up.kind()).isEqualTo(FaultReport.RECOVERY);
        assertThat(up.observations()).hasSize(6);
        assertThat(up.convergenceMs()).as("every node saw every other join 200 ms after up").isEqualTo(200L);
        FaultReport pause = r.faults().get(1);
        assertThat(pause.convergenceMs()).isEqualTo(1_400L);
        assertThat(pause.latency().get(0).p50Ms()).isEqualTo(1_000L);
        FaultReport resume = r.faults().get(2);
        assertThat(resume.kind()).isEqualTo(FaultReport.RECOVERY);
        assertThat(resume.observations()).extracting(Observation::latencyMs).containsExactlyInAnyOrder(300L, 700L);
        assertThat(resume.convergenceMs()).isEqualTo(700L);
        assertThat(r.falseSuspicions()).isEmpty();
    }

    @Test
    void aPauseShorterThanDetectionIsMissedAsBackBeforeDetected() throws Exception {
        LabFixture lab = new LabFixture("fast").node("dc1-s1", "dc1", "server").node("dc1-c1", "dc1", "client")
                .fault(0, "up").joined(100).fault(5_000, "pause", "dc1-c1").fault(5_200, "resume", "dc1-c1");
        Report r = analyze(lab);

        assertThat(r.faults().get(1).missed()).containsExactly("dc1-s1 -> dc1-c1 (lan, back before detected)");
        assertThat(r.faults().get(2).observations()).extracting(Observation::note).containsExactly("alive throughout");
        assertThat(r.faults().get(2).convergenceMs()).isZero();
    }

    @Test
    void partitionSidesDetectEachOtherAndHealBringsThemBack() throws Exception {
        LabFixture lab = new LabFixture("fast").node("dc1-s1", "dc1", "server").node("dc1-c1", "dc1", "client")
                .node("dc1-c2", "dc1", "client").fault(0, "up").joined(100)
                .partition(10_000, List.of("dc1-s1", "dc1-c1"), List.of("dc1-c2"))
                .fault(20_000, "heal");
        lab.saw(11_000, "dc1-s1", "dc1-c2", "alive", "failed").saw(11_200, "dc1-c1", "dc1-c2", "alive", "failed")
                .saw(11_500, "dc1-c2", "dc1-s1", "alive", "failed").saw(11_600, "dc1-c2", "dc1-c1", "alive", "failed");
        lab.saw(20_100, "dc1-s1", "dc1-c2", "failed", "alive").saw(20_200, "dc1-c1", "dc1-c2", "failed", "alive")
                .saw(20_300, "dc1-c2", "dc1-s1", "failed", "alive").saw(20_900, "dc1-c2", "dc1-c1", "failed", "alive");
        // a failed record across the cut just after the heal, before the observer saw it alive: still the partition
        lab.saw(20_050, "dc1-c2", "dc1-c1", "failed", "failed");
        // but a suspicion inside one side is false
        lab.saw(15_000, "dc1-s1", "dc1-c1", "alive", "suspect").saw(15_100, "dc1-s1", "dc1-c1", "suspect", "alive");
        Report r = analyze(lab);

        FaultReport partition = r.faults().get(1);
        assertThat(partition.observations()).extracting(o -> o.observer() + ">" + o.member() + "=" + o.latencyMs())
                .containsExactlyInAnyOrder("dc1-s1>dc1-c2=1000", "dc1-c1>dc1-c2=1200", "dc1-c2>dc1-s1=1500",
                        "dc1-c2>dc1-c1=1600");
        assertThat(partition.convergenceMs()).isEqualTo(1_600L);
        FaultReport heal = r.faults().get(2);
        assertThat(heal.observations()).hasSize(4);
        assertThat(heal.convergenceMs()).isEqualTo(900L);
        assertThat(r.falseSuspicions()).extracting(s -> s.observer() + ">" + s.member() + " " + s.flaps())
                .containsExactly("dc1-s1>dc1-c1 1");
    }

    @Test
    void serversDetectAKilledServerInBothPoolsWithPercentilesPerPool() throws Exception {
        LabFixture lab = new LabFixture("lan").node("dc1-s1", "dc1", "server").node("dc1-s2", "dc1", "server")
                .node("dc2-s1", "dc2", "server").node("dc1-c1", "dc1", "client").fault(0, "up").joined(100)
                .fault(10_000, "kill", "dc1-s2");
        lab.saw(12_000, "dc1-s1", "dc1-s2", "alive", "failed").saw(12_500, "dc1-c1", "dc1-s2", "alive", "failed")
                .saw(15_000, "dc1-s1", "wan", "dc1-s2.dc1", "alive", "failed")
                .saw(19_000, "dc2-s1", "wan", "dc1-s2.dc1", "alive", "failed");
        Report r = analyze(lab);

        FaultReport kill = r.faults().get(1);
        assertThat(kill.latency()).containsExactly(
                new PoolLatency("lan", 2, 2, 2_000L, 2_500L, 2_500L, 2_500L),
                new PoolLatency("wan", 2, 2, 5_000L, 9_000L, 9_000L, 9_000L));
        assertThat(kill.convergenceMs()).isEqualTo(9_000L);
    }

    @Test
    void suspicionsUnderPacketLossAreFalseAndNameTheLoss() throws Exception {
        LabFixture lab = eleven().loss(5_000, 30, "dc1-c4");
        lab.saw(6_000, "dc1-c1", "dc1-c4", "alive", "suspect").saw(6_300, "dc1-c1", "dc1-c4", "suspect", "alive");
        Report r = analyze(lab);

        assertThat(r.faults().get(1).kind()).isEqualTo(FaultReport.NONE);
        assertThat(r.falseSuspicions()).singleElement()
                .satisfies(s -> assertThat(s.during()).containsExactly("loss dc1-c4 30%"));
    }

    @Test
    void overallSpansFromTheFirstToTheLastEvent() throws Exception {
        LabFixture lab = eleven().fault(10_000, "kill", "dc1-c10").saw(12_345, "dc1-s1", "dc1-c10", "alive", "failed");
        Report r = analyze(lab);

        assertThat(r.overall().startUnixMs()).isEqualTo(LabFixture.T0);
        assertThat(r.overall().spanMs()).isEqualTo(12_345L);
        assertThat(r.overall().observers()).hasSize(11).contains("dc1-s1", "dc1-c10");
        assertThat(r.overall().members()).hasSize(11);
        assertThat(r.overall().records()).isEqualTo(11 * 10 + 1);
        List<String> labels = new ArrayList<>();
        r.faults().forEach(f -> labels.add(f.label()));
        assertThat(labels).containsExactly("up", "kill dc1-c10");
    }

    @Test
    void restartIsMeasuredToAliveAndAnObserverWithoutTimelineIsMissed() throws Exception {
        LabFixture lab = new LabFixture("fast").node("dc1-s1", "dc1", "server").node("dc1-c1", "dc1", "client")
                .node("dc1-c2", "dc1", "client").fault(0, "up")
                .saw(100, "dc1-s1", "dc1-c1", "none", "alive").saw(100, "dc1-s1", "dc1-c2", "none", "alive")
                .saw(100, "dc1-c2", "dc1-s1", "none", "alive").saw(100, "dc1-c2", "dc1-c1", "none", "alive")
                .fault(5_000, "kill", "dc1-c1").saw(6_000, "dc1-s1", "dc1-c1", "alive", "failed")
                .saw(6_500, "dc1-c2", "dc1-c1", "alive", "failed")
                .fault(8_000, "restart", "dc1-c1").saw(8_600, "dc1-s1", "dc1-c1", "failed", "alive")
                .saw(8_900, "dc1-c2", "dc1-c1", "failed", "alive")
                // a member reaped from the view is no suspicion
                .saw(9_000, "dc1-c2", "dc1-s1", "alive", "none");
        // dc1-c1 wrote no timeline (its file is empty)
        Report r = analyze(lab);

        FaultReport restart = r.faults().get(2);
        assertThat(restart.observations()).extracting(o -> o.observer() + "=" + o.latencyMs())
                .containsExactlyInAnyOrder("dc1-s1=600", "dc1-c2=900");
        assertThat(restart.convergenceMs()).isEqualTo(900L);
        assertThat(r.faults().get(0).missed()).contains("dc1-c1 -> dc1-s1 (lan, no timeline)");
        assertThat(r.faults().get(0).convergenceMs()).isNull();
        assertThat(r.falseSuspicions()).isEmpty();
    }
}
