package dev.attache.agent.timeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attache.agent.ConfigException;
import dev.attache.cluster.Member;
import dev.attache.cluster.MemberStatus;
import dev.attache.cluster.Membership;
import dev.attache.cluster.MembershipListener;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends an agent's membership view changes to a file, one {@link TimelineEvent} per line ({@code timeline_file}).
 * A line is written and flushed from the pool's event thread; the file is local, so a write takes microseconds.
 * A failed write is logged once and recording stops: a full disk never stops gossip. Besides Consul's statuses it
 * writes {@code suspect} while SWIM suspects a member the view lists as alive.
 */
public final class TimelineRecorder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TimelineRecorder.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final String observer;
    private final String dc;
    private final Clock clock;
    private final BufferedWriter out;
    static final String NONE = MemberStatus.NONE.word();
    static final String ALIVE = MemberStatus.ALIVE.word();
    /** Not a Consul status: SWIM suspicion of a member the view still lists as alive. */
    static final String SUSPECT = "suspect";

    /** The status last written per pool and member: a change is written once even if seen twice. */
    private final Map<String, Map<String, String>> written = new HashMap<>();
    private final List<Membership.Registration> registrations = new ArrayList<>();
    private boolean broken;
    private boolean closed;

    private TimelineRecorder(Path file, String observer, String dc, Clock clock, BufferedWriter out) {
        this.file = file;
        this.observer = observer;
        this.dc = dc;
        this.clock = clock;
        this.out = out;
    }

    /**
     * Opens (creates, or appends to) the timeline file, creating its directory.
     *
     * @throws ConfigException when the file cannot be opened for writing
     */
    public static TimelineRecorder open(Path file, String observer, String dc, Clock clock) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            return new TimelineRecorder(file, observer, dc, clock, out);
        } catch (IOException | UnsupportedOperationException e) {
            throw new ConfigException("timeline_file: cannot open " + file + " for writing: " + reason(e));
        }
    }

    /**
     * Records the pool's changes from now on, starting with the members already in the view (written as new:
     * from {@code none}).
     */
    public void record(Membership pool, String poolName) {
        Membership.Registration r = pool.addListener(new MembershipListener() {
            @Override
            public void statusChanged(Member member, MemberStatus previous) {
                changed(poolName, member.name(), member.status().word(), previous.word(), false);
            }

            @Override
            public void suspicionChanged(Member member, boolean suspect) {
                suspicion(poolName, member.name(), suspect);
            }
        });
        synchronized (this) {
            registrations.add(r);
        }
        for (Member m : pool.members()) {
            changed(poolName, m.name(), m.status().word(), NONE, true);
        }
    }

    /** SWIM suspicion: alive → suspect, and back to alive if it ends without a status change. */
    private synchronized void suspicion(String pool, String member, boolean suspect) {
        String last = written.computeIfAbsent(pool, p -> new HashMap<>()).get(member);
        if (suspect && ALIVE.equals(last)) {
            changed(pool, member, SUSPECT, last, false);
        } else if (!suspect && SUSPECT.equals(last)) {
            changed(pool, member, ALIVE, last, false);
        }
    }

    private synchronized void changed(String pool, String member, String to, String previous, boolean initial) {
        if (broken || closed) {
            return;
        }
        Map<String, String> seen = written.computeIfAbsent(pool, p -> new HashMap<>());
        if (initial && seen.containsKey(member)) {
            return; // the listener reported it first, and more recently than the snapshot
        }
        String last = seen.getOrDefault(member, NONE);
        if (last.equals(to)) {
            return; // already written (the first snapshot and the listener can both report a member)
        }
        String from = seen.containsKey(member) ? last : previous;
        if (to.equals(NONE)) {
            seen.remove(member);
        } else {
            seen.put(member, to);
        }
        TimelineEvent e = TimelineEvent.at(clock.instant(), observer, dc, pool, member, from, to);
        try {
            out.write(JSON.writeValueAsString(e));
            out.newLine();
            out.flush();
        } catch (IOException ex) {
            broken = true;
            log.warn("{}: writing the timeline to {} failed, recording stops: {}", observer, file, reason(ex));
        }
    }

    /** Stops recording and closes the file. */
    @Override
    public void close() {
        List<Membership.Registration> toRemove;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toRemove = List.copyOf(registrations);
        }
        toRemove.forEach(Membership.Registration::remove);
        synchronized (this) {
            try {
                out.close();
            } catch (IOException e) {
                log.warn("{}: closing the timeline {} failed: {}", observer, file, reason(e));
            }
        }
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
