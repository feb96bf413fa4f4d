package dev.attache.cluster.impl;

import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.util.List;

/**
 * One address given to a join ({@code host}, {@code host:port}, {@code [v6]:port} or a bare IPv6 literal), and
 * Consul's wording for the ways joining it fails.
 *
 * @param input the address as given
 * @param host  the host part, without brackets
 * @param port  the port, or the pool's default gossip port when none was given
 */
record JoinTarget(String input, String host, int port) {

    /** Thrown by {@link #parse} and {@link #resolve}; its message is one line of Consul's multi-error. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String line) {
            super(line, null, false, false);
        }
    }

    static JoinTarget parse(String input, int defaultPort) throws Failure {
        String s = input == null ? "" : input.trim();
        if (s.isEmpty()) {
            throw new Failure("Failed to resolve " + s + ": missing address");
        }
        String host;
        String port = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new Failure("Failed to resolve " + s + ": address " + s + ": missing ']' in address");
            }
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new Failure("Failed to resolve " + s + ": address " + s + ": unexpected characters after ']'");
                }
                port = rest.substring(1);
            }
        } else if (s.indexOf(':') != s.lastIndexOf(':')) {
            host = s; // a bare IPv6 literal
        } else if (s.indexOf(':') >= 0) {
            host = s.substring(0, s.indexOf(':'));
            port = s.substring(s.indexOf(':') + 1);
        } else {
            host = s;
        }
        int p = defaultPort;
        if (port != null) {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                p = -1;
            }
            if (p < 1 || p > 65535) {
                throw new Failure("Failed to resolve " + s + ": address " + s + ": invalid port");
            }
        }
        return new JoinTarget(s, host, p);
    }

    /** Resolves the host (this may block on DNS). */
    InetAddress resolve() throws Failure {
        try {
            return InetAddress.getByName(host);
        } catch (java.net.UnknownHostException e) {
            throw new Failure("Failed to resolve " + input + ": lookup " + host + ": no such host");
        }
    }

    /** {@code ip:port}, with brackets around an IPv6 address, as Go's {@code net.JoinHostPort} writes it. */
    static String hostPort(InetAddress ip, int port) {
        String literal = ipLiteral(ip);
        return (ip instanceof Inet6Address ? "[" + literal + "]" : literal) + ":" + port;
    }

    /** An address as Go prints it: IPv6 in its shortest form ({@code ::1}, not {@code 0:0:0:0:0:0:0:1}). */
    static String ipLiteral(InetAddress ip) {
        if (!(ip instanceof Inet6Address)) {
            return ip.getHostAddress();
        }
        byte[] b = ip.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1; // a single zero group is not shortened
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    /** Consul's line for a connection attempt that failed with the given error. */
    static String dialFailure(String hostPort, Throwable error) {
        String reason;
        if (error instanceof ConnectException && String.valueOf(error.getMessage()).toLowerCase().contains("refused")) {
            reason = "connect: connection refused";
        } else if (error instanceof SocketTimeoutException) {
            reason = "i/o timeout";
        } else if (error instanceof NoRouteToHostException) {
            reason = "connect: no route to host";
        } else {
            reason = "connect: " + error.getMessage();
        }
        return "Failed to join " + hostPort + ": dial tcp " + hostPort + ": " + reason;
    }

    /** Consul's (hashicorp/go-multierror) text for a list of failures. */
    static String multiError(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        sb.append(lines.size()).append(lines.size() == 1 ? " error occurred:\n" : " errors occurred:\n");
        for (String line : lines) {
            sb.append("\t* ").append(line).append('\n');
        }
        return sb.append('\n').toString();
    }
}
