package dev.attache.cluster.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.cluster.Member;
import dev.attache.cluster.MemberStatus;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemberViewTest {

    private final AtomicLong clock = new AtomicLong();
    private final MemberView view = new MemberView(Duration.ofSeconds(72), Duration.ofSeconds(24), clock::get);

    private static MemberView.Observed n1(String status) {
        return new MemberView.Observed("n1", "10.0.0.1", 8301,
                Map.of("role", "node", MemberView.STATUS_PROPERTY, status));
    }

    @Test
    void addedMemberIsAliveWithItsTagsButNotReservedProperties() {
        MemberView.Change change = view.added(n1("alive")).orElseThrow();

        assertThat(change.previous()).isEqualTo(MemberStatus.NONE);
        assertThat(change.member()).isEqualTo(
                new Member("n1", "10.0.0.1", 8301, Map.of("role", "node"), MemberStatus.ALIVE));
        assertThat(view.snapshot()).containsExactly(change.member());
    }

    @Test
    void suspectMemberStaysAliveUntilRemovedThenFails() {
        view.added(n1("alive"));

        assertThat(view.reachabilityChanged(n1("alive"), false)).isEmpty();
        assertThat(view.status("n1")).isEqualTo(MemberStatus.ALIVE);
        MemberView.Change failed = view.removed(n1("alive")).orElseThrow();

        assertThat(failed.previous()).isEqualTo(MemberStatus.ALIVE);
        assertThat(failed.member().status()).isEqualTo(MemberStatus.FAILED);
    }

    @Test
    void announcedLeaveGoesLeavingThenLeftNeverFailed() {
        view.added(n1("alive"));

        assertThat(view.metadataChanged(n1("leaving")).orElseThrow().member().status()).isEqualTo(MemberStatus.LEAVING);
        assertThat(view.reachabilityChanged(n1("leaving"), false).orElseThrow().member().status())
                .isEqualTo(MemberStatus.LEFT);
        assertThat(view.removed(n1("leaving"))).isEmpty();
        assertThat(view.status("n1")).isEqualTo(MemberStatus.LEFT);
    }

    @Test
    void removedWithLeavingPropertyIsLeft() {
        view.added(n1("alive"));

        assertThat(view.removed(n1("leaving")).orElseThrow().member().status()).isEqualTo(MemberStatus.LEFT);
    }

    @Test
    void rejoinAfterFailureIsAliveEvenWithStaleLeavingProperty() {
        view.added(n1("alive"));
        view.removed(n1("alive"));

        MemberView.Change back = view.added(n1("leaving")).orElseThrow();

        assertThat(back.previous()).isEqualTo(MemberStatus.FAILED);
        assertThat(back.member().status()).isEqualTo(MemberStatus.ALIVE);
        assertThat(view.metadataChanged(n1("alive"))).isEmpty();
    }

    @Test
    void reachableAgainAfterLeftIsAlive() {
        view.added(n1("alive"));
        view.metadataChanged(n1("leaving"));
        view.reachabilityChanged(n1("leaving"), false);

        assertThat(view.reachabilityChanged(n1("alive"), true).orElseThrow().member().status())
                .isEqualTo(MemberStatus.ALIVE);
    }

    @Test
    void failedMembersAreReapedAfterReconnectTimeoutAndLeftAfterTombstoneTimeout() {
        MemberView.Observed n2 = new MemberView.Observed("n2", "10.0.0.2", 8301, Map.of(MemberView.STATUS_PROPERTY, "leaving"));
        view.added(n1("alive"));
        view.added(n2);
        view.removed(n1("alive")); // failed at t=0
        view.removed(n2);          // left at t=0

        clock.set(Duration.ofSeconds(24).toNanos() - 1);
        assertThat(view.reap()).isEmpty();
        clock.set(Duration.ofSeconds(24).toNanos());
        assertThat(view.reap()).extracting(c -> c.member().name() + ":" + c.previous() + "->" + c.member().status())
                .containsExactly("n2:LEFT->NONE");
        clock.set(Duration.ofSeconds(72).toNanos());
        assertThat(view.reap()).extracting(c -> c.member().name()).containsExactly("n1");
        assertThat(view.snapshot()).isEmpty();
    }

    @Test
    void tagChangesUpdateTheSnapshotWithoutAStatusChange() {
        view.added(n1("alive"));

        assertThat(view.metadataChanged(new MemberView.Observed("n1", "10.0.0.1", 8301,
                Map.of("role", "node", "build", "2", MemberView.STATUS_PROPERTY, "alive")))).isEmpty();
        assertThat(view.get("n1").orElseThrow().tags()).containsEntry("build", "2");
    }

    private static String word(MemberView.Change c) {
        return c.member().name() + ":" + c.previous().word() + "->" + c.member().status().word();
    }

    @Test
    void forceLeaveMakesFailedLeftAndAliveLeavingAndLeavesLeftAlone() {
        view.added(n1("alive"));
        view.removed(n1("alive"));

        assertThat(view.forceLeave("n1", false, 0)).extracting(MemberViewTest::word).containsExactly("n1:failed->left");
        assertThat(view.forceLeave("n1", false, 0)).isEmpty();
        assertThat(view.forceLeave("unknown", false, 0)).isEmpty();

        MemberView.Observed n2 = new MemberView.Observed("n2", "10.0.0.2", 8301, Map.of(MemberView.STATUS_PROPERTY, "alive"));
        view.added(n2);
        assertThat(view.forceLeave("n2", true, 0)).extracting(MemberViewTest::word).containsExactly("n2:alive->leaving");
    }

    @Test
    void aRefutationMakesTheMemberAliveAndOutdatesEarlierForceLeaves() {
        view.added(n1("alive"));
        view.forceLeave("n1", false, 0);

        MemberView.Observed refuted = new MemberView.Observed("n1", "10.0.0.1", 8301,
                Map.of(MemberView.STATUS_PROPERTY, "alive", MemberView.REFUTE_PROPERTY, "1"));
        assertThat(view.metadataChanged(refuted)).map(MemberViewTest::word).contains("n1:leaving->alive");
        assertThat(view.forceLeave("n1", false, 0)).isEmpty(); // sent before the refutation
        assertThat(view.forceLeave("n1", false, 1)).extracting(MemberViewTest::word).containsExactly("n1:alive->leaving");
    }

    @Test
    void leavingMemberThatFailsIsLeft() {
        view.added(n1("alive"));
        view.leaveAnnounced("n1");

        assertThat(view.reachabilityChanged(n1("alive"), false)).isEmpty();
        assertThat(view.removed(n1("alive"))).map(MemberViewTest::word).contains("n1:leaving->left");
    }

    @Test
    void pruneErasesAndIgnoresLingeringEventsUntilRevived() {
        view.added(n1("alive"));
        view.removed(n1("alive"));

        assertThat(view.forceLeave("n1", true, 0)).extracting(MemberViewTest::word).containsExactly("n1:failed->none");
        assertThat(view.snapshot()).isEmpty();
        assertThat(view.needsConfirmation("n1")).isTrue();
        assertThat(view.removed(n1("alive"))).isEmpty();
        assertThat(view.added(n1("alive"))).isEmpty();
        assertThat(view.metadataChanged(n1("alive"))).isEmpty();
        assertThat(view.reachabilityChanged(n1("alive"), true)).isEmpty();
        assertThat(view.snapshot()).isEmpty();

        assertThat(view.revived(n1("alive"))).map(MemberViewTest::word).contains("n1:none->alive");
        assertThat(view.needsConfirmation("n1")).isFalse();
    }

    @Test
    void pruneOfAnAliveMemberErasesItOnceItIsGoneUnlessItRefutes() {
        view.added(n1("alive"));
        view.forceLeave("n1", true, 0);

        assertThat(view.removed(n1("alive"))).map(MemberViewTest::word).contains("n1:leaving->none");
        assertThat(view.snapshot()).isEmpty();

        MemberView.Observed n2 = new MemberView.Observed("n2", "10.0.0.2", 8301, Map.of(MemberView.STATUS_PROPERTY, "alive"));
        view.added(n2);
        view.forceLeave("n2", true, 0);
        view.metadataChanged(new MemberView.Observed("n2", "10.0.0.2", 8301,
                Map.of(MemberView.STATUS_PROPERTY, "alive", MemberView.REFUTE_PROPERTY, "1")));
        assertThat(view.removed(n2)).map(MemberViewTest::word).contains("n2:alive->failed");
    }

    @Test
    void erasedNamesAreForgottenAfterTheTombstoneTimeout() {
        view.added(n1("alive"));
        view.removed(n1("alive"));
        view.forceLeave("n1", true, 0);

        clock.set(Duration.ofSeconds(24).toNanos());
        view.reap();

        assertThat(view.erased("n1")).isFalse();
    }
}
