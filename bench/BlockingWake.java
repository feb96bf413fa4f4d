import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wake-up latency of blocked ACL reads: N readers block on GET /v1/acl/token/self?index=I&wait=2m, one token is
 * created, and each reader's latency is the time from the create's acknowledgement (its 200 arriving) to that
 * reader's whole answer arriving (the moment the selector reported the last of its bytes readable). The readers are
 * plain non-blocking sockets on one selector thread, so the client adds little work of its own on a small machine;
 * the writer has its own thread and connection.
 * Run with: java bench/BlockingWake.java <base-url> <token> <readers> <rounds>
 */
public class BlockingWake {
    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String token = args[1];
        int readers = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        HttpClient writer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        InetSocketAddress agent = new InetSocketAddress(base.getHost(), base.getPort());
        List<Double> all = new ArrayList<>();
        List<Double> firstAfterSend = new ArrayList<>();
        List<Double> spreads = new ArrayList<>();
        List<Double> ackAfterSend = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            long index = Long.parseLong(writer.send(HttpRequest.newBuilder(base.resolve("/v1/acl/token/self"))
                            .header("X-Consul-Token", token).GET().build(), HttpResponse.BodyHandlers.discarding())
                    .headers().firstValue("X-Consul-Index").orElseThrow());
            byte[] request = ("GET /v1/acl/token/self?index=" + index + "&wait=2m HTTP/1.1\r\nHost: "
                    + base.getHost() + "\r\nX-Consul-Token: " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            Selector selector = Selector.open();
            List<Reader> rs = new ArrayList<>();
            for (int i = 0; i < readers; i++) {
                SocketChannel ch = SocketChannel.open(agent);
                ch.write(ByteBuffer.wrap(request));
                ch.configureBlocking(false);
                Reader reader = new Reader(ch);
                ch.register(selector, SelectionKey.OP_READ, reader);
                rs.add(reader);
            }
            // Let every request reach the agent and block (a benchmark's settle time, not a test's wait).
            Thread.sleep(1000 + readers);
            selector.selectNow();
            if (!selector.selectedKeys().isEmpty()) {
                throw new IllegalStateException("a reader had an answer before the write");
            }
            AtomicLong acked = new AtomicLong();
            long sent = System.nanoTime();
            CompletableFuture<Void> write = CompletableFuture.runAsync(() -> {
                try {
                    HttpResponse<Void> made = writer.send(HttpRequest.newBuilder(base.resolve("/v1/acl/token"))
                            .header("X-Consul-Token", token)
                            .PUT(HttpRequest.BodyPublishers.ofString("{\"Description\":\"wake\"}")).build(),
                            HttpResponse.BodyHandlers.discarding());
                    acked.set(System.nanoTime());
                    if (made.statusCode() != 200) {
                        throw new IllegalStateException("create answered " + made.statusCode());
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            int done = 0;
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            while (done < readers) {
                selector.select(5_000);
                // when the selector saw the answers: the client's own parsing below is not the agent's latency
                long seen = System.nanoTime();
                for (SelectionKey k : selector.selectedKeys()) {
                    Reader reader = (Reader) k.attachment();
                    buf.clear();
                    int n = reader.channel.read(buf);
                    if (n > 0) {
                        reader.received.write(buf.array(), 0, n);
                    }
                    if (reader.complete(index) || n < 0) {
                        reader.arrived = seen;
                        k.cancel();
                        done++;
                    }
                }
                selector.selectedKeys().clear();
            }
            write.join();
            // closed after the round: a close is the client's work, not part of the agent's wake-up
            for (Reader reader : rs) {
                reader.channel.close();
            }
            selector.close();
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (Reader reader : rs) {
                all.add((reader.arrived - acked.get()) / 1e6);
                first = Math.min(first, reader.arrived);
                last = Math.max(last, reader.arrived);
            }
            firstAfterSend.add((first - sent) / 1e6);
            spreads.add((last - first) / 1e6);
            ackAfterSend.add((acked.get() - sent) / 1e6);
        }
        double[] ms = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("readers %5d  rounds %3d  wake-up after the write's ack: p50 %7.2f ms  p99 %7.2f ms"
                        + "  max %7.2f ms  (min %7.2f ms; negative: the reader had its answer before the writer)%n",
                readers, rounds, pct(ms, 50), pct(ms, 99), ms[ms.length - 1], ms[0]);
        System.out.printf("              per round, medians: write sent → its ack %7.2f ms, → first reader answered"
                        + " %7.2f ms; first → last reader %7.2f ms%n",
                median(ackAfterSend), median(firstAfterSend), median(spreads));
    }

    /** One blocked reader: its connection and what has arrived of its answer. */
    static final class Reader {
        final SocketChannel channel;
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        long arrived;

        Reader(SocketChannel channel) {
            this.channel = channel;
        }

        /** True once the whole answer (headers and Content-Length bytes) is in; checks it woke past the index. */
        boolean complete(long index) {
            String text = received.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                return false;
            }
            String head = text.substring(0, end).toLowerCase();
            int cl = head.indexOf("content-length:");
            int length = cl < 0 ? 0 : Integer.parseInt(head.substring(cl + 15, head.indexOf('\r', cl) < 0
                    ? head.length() : head.indexOf('\r', cl)).trim());
            if (text.length() - end - 4 < length) {
                return false;
            }
            if (!head.startsWith("http/1.1 200")) {
                throw new IllegalStateException("reader answered: " + head.lines().findFirst().orElse(""));
            }
            int xi = head.indexOf("x-consul-index:");
            long got = Long.parseLong(head.substring(xi + 15, head.indexOf('\r', xi) < 0 ? head.length()
                    : head.indexOf('\r', xi)).trim());
            if (got <= index) {
                throw new IllegalStateException("reader woke at index " + got + ", not past " + index);
            }
            return true;
        }
    }

    private static double median(List<Double> xs) {
        return pct(xs.stream().mapToDouble(Double::doubleValue).sorted().toArray(), 50);
    }

    private static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
