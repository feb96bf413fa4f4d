package dev.attache.api.agent;

/** Where {@code PUT /v1/agent/token/<name>} puts a token: the agent's token set (persisted when configured). */
public interface AgentTokenStore {

    /** Replaces one token ("" clears it); takes effect for the next request. */
    void set(AgentTokenKind kind, String secret);
}
