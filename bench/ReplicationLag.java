import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replication lag of global tokens: creates N tokens in the primary (C requests at a time) and watches the secondary
 * with a blocking {@code GET /v1/acl/tokens?index=}; for each token, the time from the create's acknowledgement to
 * the first list of the secondary that contains it.
 * Usage: java ReplicationLag.java PRIMARY_URL SECONDARY_URL TOKEN N C
 */
public final class ReplicationLag {
    private static final Pattern ACCESSOR = Pattern.compile("\"AccessorID\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String primary = args[0];
        String secondary = args[1];
        String token = args[2];
        int n = Integer.parseInt(args[3]);
        int concurrency = Integer.parseInt(args[4]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        Map<String, Long> acked = new ConcurrentHashMap<>();
        Map<String, Long> sent = new ConcurrentHashMap<>();
        Map<String, Long> seen = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        Thread watcher = new Thread(() -> watch(http, secondary, token, seen, n), "watcher");
        watcher.setDaemon(true);
        watcher.start();

        ExecutorService creators = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            int k = i;
            creators.execute(() -> {
                try {
                    long sentAt = System.nanoTime();
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(primary + "/v1/acl/token"))
                            .header("X-Consul-Token", token)
                            .PUT(HttpRequest.BodyPublishers.ofString("{\"Description\":\"lag-" + k + "\"}"))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    long at = System.nanoTime();
                    if (r.statusCode() != 200) {
                        System.err.println("create failed: " + r.statusCode() + " " + r.body());
                        return;
                    }
                    Matcher m = ACCESSOR.matcher(r.body());
                    if (m.find()) {
                        acked.put(m.group(1), at);
                        sent.put(m.group(1), sentAt);
                    }
                    done.incrementAndGet();
                } catch (Exception e) {
                    System.err.println("create failed: " + e);
                }
            });
        }
        creators.shutdown();
        creators.awaitTermination(10, TimeUnit.MINUTES);
        double createSeconds = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        synchronized (seen) {
            long left;
            while ((left = deadline - System.nanoTime()) > 0 && !seen.keySet().containsAll(acked.keySet())) {
                seen.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
        List<Double> lags = new ArrayList<>();
        List<Double> fromSend = new ArrayList<>();
        int missing = 0;
        for (var e : acked.entrySet()) {
            Long at = seen.get(e.getKey());
            if (at == null) {
                missing++;
            } else {
                lags.add((at - e.getValue()) / 1e6);
                fromSend.add((at - sent.get(e.getKey())) / 1e6);
            }
        }
        Collections.sort(lags);
        Collections.sort(fromSend);
        System.out.printf("created %d global tokens in %.1f s (%.0f/s, %d at a time); missing in the secondary: %d%n",
                done.get(), createSeconds, done.get() / createSeconds, concurrency, missing);
        if (!lags.isEmpty()) {
            System.out.printf("replication lag (create ack in the primary -> listed in the secondary): "
                            + "p50 %.1f ms, p99 %.1f ms, max %.1f ms, min %.1f ms%n",
                    pct(lags, 50), pct(lags, 99), lags.get(lags.size() - 1), lags.get(0));
            System.out.printf("from the create's request to listed in the secondary: p50 %.1f ms, p99 %.1f ms, "
                    + "max %.1f ms (a negative lag above: listed there before the create's answer got back)%n",
                    pct(fromSend, 50), pct(fromSend, 99), fromSend.get(fromSend.size() - 1));
        }
    }

    /** Blocking list of the secondary's tokens; records when each new AccessorID is first listed. */
    private static void watch(HttpClient http, String secondary, String token, Map<String, Long> seen, int n) {
        long index = 0;
        while (true) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(secondary
                                + "/v1/acl/tokens?index=" + index + "&wait=30s"))
                        .header("X-Consul-Token", token).GET().build(), HttpResponse.BodyHandlers.ofString());
                long at = System.nanoTime();
                index = Long.parseLong(r.headers().firstValue("X-Consul-Index").orElse("0"));
                Matcher m = ACCESSOR.matcher(r.body());
                while (m.find()) {
                    seen.putIfAbsent(m.group(1), at);
                }
                synchronized (seen) {
                    seen.notifyAll();
                }
            } catch (Exception e) {
                System.err.println("watch failed: " + e);
                index = 0;
            }
        }
    }

    private static double pct(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
