package dev.attache.agent.timeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One line of a timeline file: the moment {@code observer}'s view of {@code member} in {@code pool} went from
 * {@code from} to {@code to}. Statuses are Consul's words ({@code none}, {@code alive}, {@code leaving}, {@code left},
 * {@code failed}); {@code from} is {@code none} for a member new to the view, {@code to} is {@code none} for one
 * reaped or pruned from it.
 *
 * @param time     RFC 3339, UTC, milliseconds
 * @param unixMs   the same instant in milliseconds since the epoch
 * @param observer the node whose view changed
 * @param dc       the observer's datacenter
 * @param pool     {@code lan} or {@code wan}
 * @param member   the member's name ({@code node.dc} in the WAN pool)
 * @param from     the status before
 * @param to       the status after
 */
@JsonPropertyOrder({"time", "unix_ms", "observer", "dc", "pool", "member", "from", "to"})
public record TimelineEvent(
        @JsonProperty("time") String time,
        @JsonProperty("unix_ms") long unixMs,
        @JsonProperty("observer") String observer,
        @JsonProperty("dc") String dc,
        @JsonProperty("pool") String pool,
        @JsonProperty("member") String member,
        @JsonProperty("from") String from,
        @JsonProperty("to") String to) {

    private static final DateTimeFormatter RFC3339_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** An event at {@code at}, its {@code time} formatted from it. */
    public static TimelineEvent at(Instant at, String observer, String dc, String pool, String member, String from,
                                   String to) {
        return new TimelineEvent(RFC3339_MILLIS.format(at), at.toEpochMilli(), observer, dc, pool, member, from, to);
    }
}
