package dev.attache.cluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atomix.cluster.Member;
import io.atomix.cluster.MemberId;
import io.atomix.utils.net.Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The queue as Atomix 3.1.12's gossip loop drives it: isEmpty, values, clear, once per gossip round. */
class RetransmitQueueTest {

    @Test
    void theLimitIsMemberlistsRetransmitLimit() {
        RetransmitQueue queue = new RetransmitQueue(4, 3);
        int[][] sizeAndLimit = {{1, 4}, {2, 4}, {9, 4}, {10, 8}, {30, 8}, {99, 8}, {100, 12}};
        for (int[] c : sizeAndLimit) {
            queue.poolSize(c[0]);
            assertThat(queue.limit()).as("limit at %d members", c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void anUpdateIsSentUntilItReachedTheLimit() {
        RetransmitQueue queue = new RetransmitQueue(4, 3);
        queue.poolSize(30);   // limit 8, three members a round: rounds of 3, 6, 9 transmissions
        queue.put(id("a"), member("a"));

        assertThat(round(queue)).containsExactly("a");
        assertThat(round(queue)).containsExactly("a");
        assertThat(round(queue)).containsExactly("a");
        assertThat(queue.isEmpty()).isTrue();
        assertThat(round(queue)).isEmpty();
    }

    @Test
    void aSmallPoolCountsTheMembersARoundReaches() {
        RetransmitQueue queue = new RetransmitQueue(4, 3);
        queue.poolSize(2);    // limit 4, one other member: four rounds
        queue.put(id("a"), member("a"));
        for (int i = 0; i < 4; i++) {
            assertThat(round(queue)).as("round %d", i).containsExactly("a");
        }
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void aMemberAloneKeepsItsUpdatesForTheFirstMemberToCome() {
        RetransmitQueue queue = new RetransmitQueue(4, 3);
        queue.put(id("a"), member("a"));
        for (int i = 0; i < 10; i++) {
            round(queue);
        }
        assertThat(queue.isEmpty()).isFalse();
        queue.poolSize(4);    // limit 4, three members a round
        assertThat(round(queue)).containsExactly("a");
        assertThat(round(queue)).containsExactly("a");
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void aNewerUpdateOfTheSameMemberReplacesTheOlderAndStartsAgain() {
        RetransmitQueue queue = new RetransmitQueue(1, 3);
        queue.poolSize(30);   // limit 2: one round
        Member first = member("a");
        Member second = member("a");
        queue.put(id("a"), first);
        queue.put(id("a"), second);

        List<Member> sent = new ArrayList<>(queue.values());
        assertThat(sent).singleElement().isSameAs(second);
        queue.clear();
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void anUpdateQueuedDuringARoundIsNotCountedInIt() {
        RetransmitQueue queue = new RetransmitQueue(1, 3);
        queue.poolSize(30);   // limit 2: one round
        queue.put(id("a"), member("a"));
        List<Member> sent = new ArrayList<>(queue.values());
        queue.put(id("b"), member("b"));   // SWIM's thread handled gossip between the two calls
        queue.put(id("a"), member("a"));   // and a newer state of a
        queue.clear();

        assertThat(sent).hasSize(1);
        assertThat(round(queue)).containsExactlyInAnyOrder("a", "b");
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void aRoundCarriesTheLeastSentUpdatesFirstAndNoMoreThanAMessageHolds() {
        RetransmitQueue queue = new RetransmitQueue(4, 3);
        queue.poolSize(30);
        for (int i = 0; i < RetransmitQueue.MAX_PER_MESSAGE; i++) {
            queue.put(id("old" + i), member("old" + i));
        }
        round(queue);                                   // every old update sent once
        queue.put(id("new"), member("new"));

        List<String> next = round(queue);
        assertThat(next).hasSize(RetransmitQueue.MAX_PER_MESSAGE).first().isEqualTo("new");
        assertThat(queue.size()).isEqualTo(RetransmitQueue.MAX_PER_MESSAGE + 1);
        // the one old update left out of that round, sent once like "new", goes in the next
        assertThat(round(queue)).contains("old0", "new");
    }

    @Test
    void anAnnouncedJoinerGoesOutInOneMoreRound() {
        RetransmitQueue queue = new RetransmitQueue(4, 3);
        queue.poolSize(30);   // limit 8
        queue.put(id("joiner"), member("joiner"));
        queue.lastRound(id("joiner"));
        queue.lastRound(id("never-queued"));

        assertThat(round(queue)).containsExactly("joiner");
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void aStateEveryMemberHasIsDropped() {
        RetransmitQueue queue = new RetransmitQueue(4, 3);
        queue.poolSize(30);
        queue.put(id("a"), member("a"));
        queue.put(id("b"), member("b"));
        queue.drop(id("a"));

        assertThat(round(queue)).containsExactly("b");
    }

    @Test
    void theMapViewShowsWhatIsPending() {
        RetransmitQueue queue = new RetransmitQueue(4, 3);
        Member a = member("a");
        queue.put(id("a"), a);
        assertThat(queue.get(id("a"))).isSameAs(a);
        assertThat(queue.entrySet()).extracting(Map.Entry::getKey).containsExactly(id("a"));
    }

    @Test
    void aMultiplierBelowOneIsRefused() {
        assertThatThrownBy(() -> new RetransmitQueue(0, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retransmit_mult must be at least 1");
    }

    /** One gossip round as Atomix runs it; the ids of what it sent. */
    private static List<String> round(RetransmitQueue queue) {
        List<String> sent = new ArrayList<>();
        if (!queue.isEmpty()) {
            queue.values().forEach(m -> sent.add(m.id().id()));
            queue.clear();
        }
        return sent;
    }

    private static MemberId id(String name) {
        return MemberId.from(name);
    }

    private static Member member(String name) {
        return Member.member(MemberId.from(name), Address.from("127.0.0.1", 8301));
    }
}
