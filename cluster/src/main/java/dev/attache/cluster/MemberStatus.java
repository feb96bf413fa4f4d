package dev.attache.cluster;

/** A gossip member's status, with Consul's (Serf's) numeric codes and CLI words. */
public enum MemberStatus {
    NONE(0, "none"),
    ALIVE(1, "alive"),
    LEAVING(2, "leaving"),
    LEFT(3, "left"),
    FAILED(4, "failed");

    private final int code;
    private final String word;

    MemberStatus(int code, String word) {
        this.code = code;
        this.word = word;
    }

    /** The number Consul puts in {@code Status}. */
    public int code() {
        return code;
    }

    /** The word {@code consul members} prints. */
    public String word() {
        return word;
    }

    public static MemberStatus ofCode(int code) {
        for (MemberStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown member status code " + code);
    }
}
