package dev.attache.agent.cli;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** IP literals read and printed as Go's {@code net.ParseIP} and {@code net.IP.String()} do. Never resolves names. */
final class IpText {
    private static final Pattern IPV4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpText() {
    }

    /**
     * The canonical text of an IP literal: dotted IPv4 (also for IPv4-mapped IPv6), or RFC 5952 IPv6 (lower case,
     * the first longest run of two or more zero groups as {@code ::}). Empty when {@code s} is not an IP literal.
     */
    static Optional<String> canonical(String s) {
        if (IPV4.matcher(s).matches()) {
            for (String part : s.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return Optional.empty();
                }
            }
            return Optional.of(s);
        }
        if (s.indexOf(':') < 0 || !IPV6_CHARS.matcher(s).matches()) {
            return Optional.empty();
        }
        InetAddress ip;
        try {
            ip = InetAddress.getByName(s); // a literal with ':' is parsed, never looked up
        } catch (UnknownHostException | RuntimeException e) {
            return Optional.empty();
        }
        if (ip instanceof Inet4Address) {
            return Optional.of(ip.getHostAddress());
        }
        return Optional.of(ipv6(ip.getAddress()));
    }

    private static String ipv6(byte[] b) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i >= 2 && j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
