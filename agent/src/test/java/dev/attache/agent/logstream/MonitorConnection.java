package dev.attache.agent.logstream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A monitor request over a plain socket, so that a test decides when (and whether) the response is read and when
 * the connection closes. The head is read at once; {@link #readLines()} starts decoding the chunked body into lines.
 */
final class MonitorConnection implements AutoCloseable {
    final int status;
    final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final List<String> lines = new CopyOnWriteArrayList<>();
    private final Socket socket;
    private final InputStream in;
    private volatile boolean ended;

    private MonitorConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        String statusLine = readLine();
        status = Integer.parseInt(statusLine.split(" ")[1]);
        for (String h = readLine(); !h.isEmpty(); h = readLine()) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
        }
    }

    /**
     * Sends {@code GET /v1/agent/monitor?<query>} and reads the response head.
     *
     * @param receiveBuffer the socket's receive buffer in bytes (small for a reader that reads nothing), 0 for the default
     */
    static MonitorConnection open(String hostPort, String query, String token, int receiveBuffer) throws IOException {
        int colon = hostPort.lastIndexOf(':');
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.setSoTimeout(30_000);
        socket.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))));
        OutputStream out = socket.getOutputStream();
        String request = "GET /v1/agent/monitor" + (query.isEmpty() ? "" : "?" + query) + " HTTP/1.1\r\n"
                + "Host: " + hostPort + "\r\n" + (token.isEmpty() ? "" : "X-Consul-Token: " + token + "\r\n") + "\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return new MonitorConnection(socket);
    }

    static MonitorConnection open(String hostPort, String query) throws IOException {
        return open(hostPort, query, "", 0);
    }

    /** The body of a non-streaming answer (an error), by its Content-Length. */
    String body() throws IOException {
        int length = Integer.parseInt(headers.getOrDefault("Content-Length", "0"));
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /** Decodes the chunked body into {@link #lines} on a daemon thread until the stream or the connection ends. */
    MonitorConnection readLines() {
        Thread t = new Thread(() -> {
            ByteArrayOutputStream partial = new ByteArrayOutputStream();
            try {
                while (true) {
                    int size = Integer.parseInt(readLine().trim(), 16);
                    if (size == 0) {
                        break;
                    }
                    for (byte b : in.readNBytes(size)) {
                        if (b == '\n') {
                            lines.add(partial.toString(StandardCharsets.UTF_8));
                            partial.reset();
                        } else {
                            partial.write(b);
                        }
                    }
                    readLine();
                }
            } catch (IOException | RuntimeException e) {
                // the connection closed
            } finally {
                ended = true;
            }
        }, "monitor-reader");
        t.setDaemon(true);
        t.start();
        return this;
    }

    /** True once the body's reader saw the stream or the connection end. */
    boolean ended() {
        return ended;
    }

    boolean hasLineContaining(String text) {
        return lines.stream().anyMatch(l -> l.contains(text));
    }

    String lineContaining(String text) {
        return lines.stream().filter(l -> l.contains(text)).findFirst().orElseThrow();
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    @Override
    public String toString() {
        return "status " + status + " " + headers + " lines " + lines.size() + (ended ? " (ended)" : "")
                + lines.stream().limit(5).map(l -> "\n  " + l).reduce("", String::concat);
    }
}
