package dev.attache.agent.logstream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.attache.api.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/**
 * One logback event as a monitor line, in hclog's forms (consul-behavior.md §3.8). Text:
 * {@code 2025-05-15T10:11:12.345+0200 [INFO]  agent.Agent: node-1: message key=value}; JSON: one object with
 * {@code @level}, {@code @message}, {@code @module}, {@code @timestamp} and the event's key/value pairs. The module
 * is the logger name, dotted, without the {@code dev.attache.} prefix. A throwable is the pair {@code error}.
 */
final class LogLines {
    /** hclog's {@code 2006-01-02T15:04:05.000Z0700}: {@code Z} in UTC, else {@code +hhmm}. */
    private static final DateTimeFormatter TEXT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXX");
    /** RFC 3339 with microseconds, as hclog's JSON form. */
    private static final DateTimeFormatter JSON_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX");

    private LogLines() {
    }

    static byte[] text(ILoggingEvent e) {
        StringBuilder b = new StringBuilder(160);
        TEXT_TIME.formatTo(e.getInstant().atZone(ZoneId.systemDefault()), b);
        String level = "[" + levelName(e.getLevel()) + "]";
        b.append(' ').append(level);
        b.append(" ".repeat(Math.max(1, 8 - level.length())));
        b.append(module(e.getLoggerName())).append(": ").append(e.getFormattedMessage());
        if (e.getKeyValuePairs() != null) {
            for (KeyValuePair kv : e.getKeyValuePairs()) {
                b.append(' ').append(kv.key).append('=').append(kv.value);
            }
        }
        IThrowableProxy t = e.getThrowableProxy();
        if (t != null) {
            b.append(" error=\"").append(error(t)).append('"');
        }
        return b.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] json(ILoggingEvent e) {
        Map<String, Object> extra = new LinkedHashMap<>();
        if (e.getKeyValuePairs() != null) {
            for (KeyValuePair kv : e.getKeyValuePairs()) {
                extra.put(kv.key, kv.value == null ? null : String.valueOf(kv.value));
            }
        }
        if (e.getThrowableProxy() != null) {
            extra.put("error", error(e.getThrowableProxy()));
        }
        JsonLine line = new JsonLine(levelName(e.getLevel()).toLowerCase(Locale.ROOT), e.getFormattedMessage(),
                module(e.getLoggerName()), JSON_TIME.format(e.getInstant().atZone(ZoneId.systemDefault())), extra);
        byte[] body = Json.write(line, false);
        byte[] withNewline = java.util.Arrays.copyOf(body, body.length + 1);
        withNewline[body.length] = '\n';
        return withNewline;
    }

    /** hclog's level names (logback's, except that both spell the others the same). */
    private static String levelName(Level level) {
        return level.toString();
    }

    static String module(String logger) {
        return logger.startsWith(LogStream.OWN_LOGGERS) ? logger.substring(LogStream.OWN_LOGGERS.length()) : logger;
    }

    private static String error(IThrowableProxy t) {
        return t.getMessage() == null ? t.getClassName() : t.getClassName() + ": " + t.getMessage();
    }

    /** The JSON form's fixed fields, then the event's own pairs. */
    @JsonPropertyOrder({"@level", "@message", "@module", "@timestamp"})
    record JsonLine(@JsonProperty("@level") String level, @JsonProperty("@message") String message,
                    @JsonProperty("@module") String module, @JsonProperty("@timestamp") String timestamp,
                    @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extra) {
        @JsonAnyGetter
        Map<String, Object> extraFields() {
            return extra;
        }
    }
}
