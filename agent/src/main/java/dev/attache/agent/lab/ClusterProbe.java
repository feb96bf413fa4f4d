package dev.attache.agent.lab;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attache.cluster.MemberStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Asks an agent over HTTP how it sees its pools. */
public final class ClusterProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    /** One pool as one agent sees it: members alive, and members listed. */
    record View(int alive, int total) {
        @Override
        public String toString() {
            return alive + "/" + total;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** The LAN pool ({@code wan} false) or WAN pool as the agent at {@code hostPort} sees it; empty if no answer. */
    Optional<View> view(String hostPort, boolean wan) {
        return members(hostPort, wan).map(members -> new View(
                (int) members.stream().filter(m -> Integer.valueOf(1).equals(m.get("Status"))).count(),
                members.size()));
    }

    /**
     * The status of {@code member} in the LAN view of the agent at {@code hostPort} ({@link MemberStatus#NONE} when
     * it is not listed); empty if the agent does not answer.
     */
    public Optional<MemberStatus> status(String hostPort, String member) {
        return members(hostPort, false).map(members -> members.stream()
                .filter(m -> member.equals(m.get("Name")))
                .map(m -> m.get("Status") instanceof Number n ? MemberStatus.ofCode(n.intValue()) : MemberStatus.NONE)
                .findFirst().orElse(MemberStatus.NONE));
    }

    private Optional<List<Map<String, Object>>> members(String hostPort, boolean wan) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + hostPort + "/v1/agent/members"
                    + (wan ? "?wan=1" : ""))).timeout(TIMEOUT).GET().build();
            HttpResponse<byte[]> resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            if (resp.statusCode() != 200) {
                return Optional.empty();
            }
            return Optional.of(JSON.readValue(resp.body(), new TypeReference<>() { }));
        } catch (java.io.IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** True when the agent's HTTP API answers. */
    boolean answers(String hostPort) {
        return view(hostPort, false).isPresent();
    }
}
