package dev.attache.agent;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The local host name, the default node name as in Consul. */
final class HostName {
    private HostName() {
    }

    static String get() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            int dot = name.indexOf('.');
            return dot > 0 ? name.substring(0, dot) : name;
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
