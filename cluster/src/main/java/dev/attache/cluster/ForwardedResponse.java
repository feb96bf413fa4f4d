package dev.attache.cluster;

import java.util.Map;

/** The answer to a {@link ForwardedRequest}: status, headers (one value per name) and body, as the server sent them. */
public record ForwardedResponse(int status, Map<String, String> headers, byte[] body) {
    public ForwardedResponse {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }
}
