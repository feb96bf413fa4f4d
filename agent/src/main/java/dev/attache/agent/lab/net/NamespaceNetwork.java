package dev.attache.agent.lab.net;

import dev.attache.agent.lab.LabException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Each agent in its own network namespace ({@code attache-<id>-<node>}), attached by a veth pair to the lab's bridge
 * ({@code at<id>br}), with the address {@code 10.a.b.<2+i>/24}; the host holds {@code 10.a.b.1} on the bridge, so the
 * CLI reaches every agent's HTTP API. {@code <id>} is a short hash of the lab directory, so two labs never share
 * names, and every interface name stays within Linux's 15 characters. A partition is blackhole routes inside the
 * namespaces; packet loss is {@code tc netem} on the namespace's side of the veth.
 */
public final class NamespaceNetwork implements LabNetwork {
    static final int HTTP = 8500;
    static final int SERF_LAN = 8301;
    static final int SERF_WAN = 8302;
    static final int SERVER = 8300;
    private static final int MAX_NODES = 250;

    private final String id;
    private final String subnet;

    /** @param id the lab's short id ({@link #labId}) */
    public NamespaceNetwork(String id) {
        this.id = id;
        int h = Integer.parseInt(id, 16);
        this.subnet = "10." + (64 + (h >> 8) % 128) + "." + (h & 0xff) + ".";
    }

    /** Four hex digits of the SHA-256 of the lab directory's absolute path. */
    public static String labId(java.nio.file.Path dir) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(dir.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Why namespaces cannot be used here, or empty when they can (root, and {@code ip netns} works). */
    public static Optional<String> unavailable() {
        Command.Result uid = Command.run("id", "-u");
        if (!uid.ok() || !uid.output().equals("0")) {
            return Optional.of("network namespaces need root");
        }
        Command.Result netns = Command.run("ip", "netns", "list");
        if (!netns.ok()) {
            return Optional.of("'ip netns' does not work here: " + firstLine(netns.output()));
        }
        return Optional.empty();
    }

    public String bridge() {
        return "at" + id + "br";
    }

    public String namespace(String node) {
        return "attache-" + id + "-" + node;
    }

    @Override
    public boolean isolated() {
        return true;
    }

    @Override
    public List<Placement> setUp(List<String> nodes) {
        if (nodes.size() > MAX_NODES) {
            throw LabException.error("a lab with network namespaces holds at most " + MAX_NODES + " agents");
        }
        tearDown(); // leftovers of an earlier lab in the same directory
        String br = bridge();
        ip("link", "add", br, "type", "bridge");
        ip("addr", "add", subnet + "1/24", "dev", br);
        ip("link", "set", br, "up");
        List<Placement> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String ns = namespace(nodes.get(i));
            String host = "at" + id + "h" + i;
            String peer = "at" + id + "n" + i;
            String address = subnet + (i + 2);
            ip("netns", "add", ns);
            ip("link", "add", host, "type", "veth", "peer", "name", peer);
            ip("link", "set", peer, "netns", ns);
            ip("link", "set", host, "master", br);
            ip("link", "set", host, "up");
            ip("-n", ns, "link", "set", peer, "name", "eth0");
            ip("-n", ns, "addr", "add", address + "/24", "dev", "eth0");
            ip("-n", ns, "link", "set", "eth0", "up");
            ip("-n", ns, "link", "set", "lo", "up");
            out.add(new Placement(address, HTTP, SERF_LAN, SERF_WAN, SERVER, ns, prefix(ns)));
        }
        return out;
    }

    @Override
    public List<String> prefix(String netns) {
        return List.of("ip", "netns", "exec", netns);
    }

    @Override
    public void partition(List<List<Placement>> groups) {
        for (int g = 0; g < groups.size(); g++) {
            for (int h = g + 1; h < groups.size(); h++) {
                for (Placement a : groups.get(g)) {
                    for (Placement b : groups.get(h)) {
                        ip("-n", a.netns(), "route", "replace", "blackhole", b.address() + "/32");
                        ip("-n", b.netns(), "route", "replace", "blackhole", a.address() + "/32");
                    }
                }
            }
        }
    }

    @Override
    public void heal(List<Placement> all) {
        for (Placement p : all) {
            ip("-n", p.netns(), "route", "flush", "type", "blackhole");
            Command.run("ip", "netns", "exec", p.netns(), "tc", "qdisc", "del", "dev", "eth0", "root"); // none is fine
        }
    }

    @Override
    public void loss(Placement node, double percent) {
        List<String> tc = new ArrayList<>(List.of("ip", "netns", "exec", node.netns(), "tc", "qdisc"));
        if (percent == 0) {
            tc.addAll(List.of("del", "dev", "eth0", "root"));
            Command.run(tc); // no qdisc to remove is fine
            return;
        }
        tc.addAll(List.of("replace", "dev", "eth0", "root", "netem", "loss",
                java.math.BigDecimal.valueOf(percent).stripTrailingZeros().toPlainString() + "%"));
        Command.Result r = Command.run(tc);
        if (r.ok()) {
            return;
        }
        if (r.output().contains("qdisc kind is unknown")) {
            throw LabException.error("packet loss needs the sch_netem kernel module, which this kernel does not have"
                    + " (tc: " + firstLine(r.output()) + ")");
        }
        if (r.output().contains("No such file") || r.output().contains("not found")) {
            throw LabException.error("packet loss needs tc (iproute2): " + firstLine(r.output()));
        }
        throw LabException.error("tc netem failed: " + firstLine(r.output()));
    }

    @Override
    public void tearDown() {
        Command.Result list = Command.run("ip", "netns", "list");
        String prefix = "attache-" + id + "-";
        for (String line : list.output().split("\n")) {
            String ns = line.trim().split("\\s+")[0];
            if (ns.startsWith(prefix)) {
                quiet("netns", "del", ns); // takes its end of the veth, and so the pair, with it
            }
        }
        Command.Result links = Command.run("ip", "-o", "link", "show");
        for (String line : links.output().split("\n")) {
            String[] f = line.split(":\\s+");
            if (f.length > 1) {
                String name = f[1].split("@")[0];
                if (name.startsWith("at" + id) && !name.equals(bridge())) {
                    quiet("link", "del", name);
                }
            }
        }
        if (Command.run("ip", "link", "show", bridge()).ok()) {
            quiet("link", "del", bridge());
        }
    }

    /** True when nothing of this lab's network is left (no namespace, veth or bridge). */
    public boolean isGone() {
        boolean ns = Command.run("ip", "netns", "list").output().contains("attache-" + id + "-");
        boolean link = Command.run("ip", "-o", "link", "show").output().contains(": at" + id);
        return !ns && !link;
    }

    private static void ip(String... args) {
        List<String> argv = new ArrayList<>();
        argv.add("ip");
        argv.addAll(List.of(args));
        Command.Result r = Command.run(argv);
        if (!r.ok()) {
            throw LabException.error("network set-up failed: " + String.join(" ", argv) + ": "
                    + firstLine(r.output()));
        }
    }

    /** A tear-down step: best effort, {@link #isGone} tells whether it all went. */
    private static void quiet(String... args) {
        List<String> argv = new ArrayList<>();
        argv.add("ip");
        argv.addAll(List.of(args));
        Command.run(argv);
    }

    static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
