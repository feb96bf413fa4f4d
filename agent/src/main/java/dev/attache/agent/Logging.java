package dev.attache.agent;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logging of the command-line agent. Embedding applications keep their own logging setup: the agent
 * jar ships no {@code logback.xml}; the CLI loads {@code attache-logback.xml} explicitly.
 */
final class Logging {
    private Logging() {
    }

    static void configureCli(String level) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return;
        }
        ctx.reset();
        URL xml = Logging.class.getResource("/attache-logback.xml");
        if (xml != null) {
            JoranConfigurator c = new JoranConfigurator();
            c.setContext(ctx);
            try {
                c.doConfigure(xml);
            } catch (JoranException e) {
                System.err.println("==> cannot configure logging: " + e.getMessage());
            }
        }
        setLevel(level);
    }

    /** Sets the agent's log level (trace, debug, info, warn, err/error). */
    static void setLevel(String level) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
            ctx.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(toLogback(level));
        }
    }

    static Level toLogback(String level) {
        return switch (level.toLowerCase(Locale.ROOT)) {
            case "trace" -> Level.TRACE;
            case "debug" -> Level.DEBUG;
            case "warn" -> Level.WARN;
            case "err", "error" -> Level.ERROR;
            default -> Level.INFO;
        };
    }
}
