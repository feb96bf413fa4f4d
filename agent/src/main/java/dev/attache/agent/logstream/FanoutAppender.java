package dev.attache.agent.logstream;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;

/** The events that pass the loggers' levels, to one agent's subscribers. Never blocks: subscribers drop. */
final class FanoutAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    private final LogStream stream;

    FanoutAppender(LogStream stream) {
        this.stream = stream;
    }

    @Override
    protected void append(ILoggingEvent event) {
        stream.deliver(event);
    }
}
