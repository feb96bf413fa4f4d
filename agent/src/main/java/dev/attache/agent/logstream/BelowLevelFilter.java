package dev.attache.agent.logstream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Lets a subscriber see Attaché's lines below the agent's log level without showing them elsewhere. For an event
 * of a {@code dev.attache.*} logger that its logger's level would drop but a subscriber wants: a level check
 * ({@code isDebugEnabled()}, no message yet) is answered yes; the event itself goes straight to the subscribers and
 * then on to logback, whose level check drops it for every other appender. Everything else is left alone.
 */
final class BelowLevelFilter extends TurboFilter {
    private static final String FQCN = Logger.class.getName();
    private final LogStream stream;

    BelowLevelFilter(LogStream stream) {
        this.stream = stream;
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        if (level == null || level.levelInt < stream.lowestLevel()
                || level.isGreaterOrEqual(logger.getEffectiveLevel())
                || !logger.getName().startsWith(LogStream.OWN_LOGGERS)) {
            return FilterReply.NEUTRAL;
        }
        if (format == null) {
            return FilterReply.ACCEPT;
        }
        stream.deliver(new LoggingEvent(FQCN, logger, level, format, t, params));
        return FilterReply.NEUTRAL;
    }
}
