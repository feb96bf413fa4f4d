package dev.attache.agent.lab;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Asks an agent over HTTP how it sees its pools. */
final class ClusterProbe {
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
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + hostPort + "/v1/agent/members"
                    + (wan ? "?wan=1" : ""))).timeout(TIMEOUT).GET().build();
            HttpResponse<byte[]> resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            if (resp.statusCode() != 200) {
                return Optional.empty();
            }
            List<Map<String, Object>> members = JSON.readValue(resp.body(), new TypeReference<>() { });
            int alive = (int) members.stream().filter(m -> Integer.valueOf(1).equals(m.get("Status"))).count();
            return Optional.of(new View(alive, members.size()));
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
