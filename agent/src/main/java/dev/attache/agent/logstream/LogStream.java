package dev.attache.agent.logstream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.attache.api.ApiException;
import dev.attache.api.agent.LogLevel;
import dev.attache.api.agent.LogSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent's log monitor: fans each logback event out to the agent's current subscribers, each with its own
 * bounded queue ({@link LogSubscriber}), so a slow reader never blocks logging or the other readers.
 *
 * <p>Nothing is static. While the agent has subscribers, it attaches its own appender to the root logger of the
 * logger context and its own turbo filter to the context; it detaches both when the last subscriber leaves (and when
 * the agent stops). Several agents in one JVM share the logger context, so each agent's monitor shows every line
 * logged in the JVM; Attaché's own lines start with the node name that speaks.
 *
 * <p>A subscriber's level is independent of the agent's log level, as in Consul: a {@code debug} monitor of an agent
 * that logs at {@code info} sees the agent's debug lines. Attaché's loggers ({@code dev.attache.*}) below their
 * configured level are handed to the subscribers by the turbo filter and still kept from the other appenders;
 * third-party loggers (Atomix, Netty) keep their configured levels.
 */
public final class LogStream implements LogSource {
    private static final Logger log = LoggerFactory.getLogger(LogStream.class);
    static final String OWN_LOGGERS = "dev.attache.";

    private final String nodeName;
    private final LoggerContext context;
    private final List<LogSubscriber> subscribers = new CopyOnWriteArrayList<>();
    private final FanoutAppender appender;
    private final BelowLevelFilter filter;
    /** The lowest level any subscriber wants, as logback's int; above ERROR when there is none. */
    private volatile int lowestLevel = Integer.MAX_VALUE;
    private boolean attached;

    /** A monitor over the SLF4J backend, when it is logback; else every subscription fails (500). */
    public LogStream(String nodeName) {
        this.nodeName = nodeName;
        this.context = LoggerFactory.getILoggerFactory() instanceof LoggerContext c ? c : null;
        this.appender = new FanoutAppender(this);
        this.filter = new BelowLevelFilter(this);
        appender.setName("attache-monitor-" + nodeName);
        filter.setName("attache-monitor-" + nodeName);
    }

    @Override
    public LogSubscriber subscribe(LogLevel level, boolean json) {
        if (context == null) {
            throw ApiException.internal("Streaming not supported");
        }
        LogSubscriber s = new LogSubscriber(this, toLogback(level), json);
        synchronized (this) {
            subscribers.add(s);
            changed();
        }
        return s;
    }

    /** The current subscribers (for tests and diagnostics). */
    public List<LogSubscriber> subscribers() {
        return List.copyOf(subscribers);
    }

    /** Ends every subscription's delivery and detaches from logback (the agent stops). */
    public synchronized void close() {
        subscribers.clear();
        changed();
    }

    /** Called by a subscriber that closed: logs the lines it dropped, once it no longer receives lines. */
    void unsubscribed(LogSubscriber s, long dropped) {
        boolean removed;
        synchronized (this) {
            removed = subscribers.remove(s);
            changed();
        }
        if (removed && dropped > 0) {
            log.warn("{}: Dropped logs during monitor request: dropped_count={}", nodeName, dropped);
        }
    }

    /** Attaches or detaches the appender and filter, and recomputes the lowest level. Holds the lock. */
    private void changed() {
        lowestLevel = subscribers.stream().mapToInt(LogSubscriber::levelInt).min().orElse(Integer.MAX_VALUE);
        boolean wanted = !subscribers.isEmpty();
        if (wanted == attached) {
            return;
        }
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (wanted) {
            appender.setContext(context);
            appender.start();
            filter.setContext(context);
            filter.start();
            root.addAppender(appender);
            context.addTurboFilter(filter);
        } else {
            context.getTurboFilterList().remove(filter);
            root.detachAppender(appender);
            appender.stop();
            filter.stop();
        }
        attached = wanted;
    }

    int lowestLevel() {
        return lowestLevel;
    }

    /** Hands one event to every subscriber that wants its level; each form is rendered at most once. */
    void deliver(ILoggingEvent event) {
        int level = event.getLevel().levelInt;
        if (level < lowestLevel) {
            return;
        }
        byte[] text = null;
        byte[] json = null;
        for (LogSubscriber s : subscribers) {
            if (level < s.levelInt()) {
                continue;
            }
            if (s.json()) {
                s.offer(json == null ? json = LogLines.json(event) : json);
            } else {
                s.offer(text == null ? text = LogLines.text(event) : text);
            }
        }
    }

    static Level toLogback(LogLevel level) {
        return switch (level) {
            case TRACE -> Level.TRACE;
            case DEBUG -> Level.DEBUG;
            case INFO -> Level.INFO;
            case WARN -> Level.WARN;
            case ERROR -> Level.ERROR;
        };
    }
}
