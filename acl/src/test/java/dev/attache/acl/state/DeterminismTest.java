package dev.attache.acl.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.acl.AclException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeterminismTest {
    private final AclCodec codec = new AclCodec();

    @Test
    void twoMachinesFedTheSameCommandsEndInEqualSnapshots() {
        byte[] a = codec.encodeSnapshot(Scenario.run(new AclStateMachine()).state());
        byte[] b = codec.encodeSnapshot(Scenario.run(new AclStateMachine()).state());

        assertThat(a).isEqualTo(b);
    }

    @Test
    void replicaApplyingEncodedCommandsMatchesTheLeaderResultByResult() {
        AclStateMachine leader = new AclStateMachine();
        AclStateMachine replica = new AclStateMachine();
        List<byte[]> leaderResults = new ArrayList<>();
        List<byte[]> replicaResults = new ArrayList<>();
        long index = 1;
        for (AclCommand c : Scenario.commands()) {
            Object result;
            try {
                result = leader.apply(c, index);
            } catch (AclException e) {
                result = e;
            }
            leaderResults.add(codec.encodeResult(result));
            replicaResults.add(codec.applyEncoded(replica, codec.encodeCommand(c), index));
            index++;
        }

        assertThat(replicaResults).containsExactlyElementsOf(leaderResults);
        assertThat(codec.encodeSnapshot(replica.state())).isEqualTo(codec.encodeSnapshot(leader.state()));
    }
}
