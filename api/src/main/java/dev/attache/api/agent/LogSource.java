package dev.attache.api.agent;

import dev.attache.api.StreamBody;

/** Where the agent's log lines come from, for {@code /v1/agent/monitor}. The agent implements it. */
public interface LogSource {

    /**
     * A subscription to the lines logged from now on at {@code level} or above, as hclog text lines or, with
     * {@code json}, one JSON object per line. Closing the body ends the subscription.
     */
    StreamBody subscribe(LogLevel level, boolean json);
}
