package dev.attache.api.agent;

import dev.attache.api.ApiException;
import dev.attache.api.ApiRequest;
import dev.attache.api.ApiResponse;
import java.util.Locale;
import java.util.Map;

/** {@code GET /v1/agent/metrics}: JSON by default, Prometheus text when the request asks for it as Consul reads it. */
public final class MetricsEndpoints {
    static final String PROMETHEUS_DISABLED = "Prometheus is not enabled since its retention time is not positive";

    private final MetricsSource source;

    public MetricsEndpoints(MetricsSource source) {
        this.source = source;
    }

    public ApiResponse metrics(ApiRequest req) {
        String accept = req.header("Accept");
        if (!wantsPrometheus(req.param("format"), accept)) {
            return ApiResponse.json(source.summary());
        }
        if (!source.prometheusEnabled()) {
            // Consul <= 1.10 answered 415 with this text; later ones 200, no body, and the text in X-Consul-Reason.
            // Both, so that clients reading either see why.
            throw new ApiException(415, PROMETHEUS_DISABLED).withHeaders(Map.of("X-Consul-Reason", PROMETHEUS_DISABLED));
        }
        MetricsSource.Exposition e = source.prometheus(accept);
        return ApiResponse.raw(e.contentType(), e.body());
    }

    /**
     * Consul's choice: {@code ?format=prometheus}, or an {@code Accept} entry {@code application/openmetrics-text}, or
     * {@code text/plain} whose first parameter is {@code version=0.4.0} (Consul's spelling) or {@code version=0.0.4}
     * (the format's real version, which Consul misses).
     */
    static boolean wantsPrometheus(String format, String accept) {
        if ("prometheus".equals(format)) {
            return true;
        }
        if (accept == null) {
            return false;
        }
        for (String entry : accept.split(",")) {
            String[] parts = entry.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            if (type.equals("application/openmetrics-text")) {
                return true;
            }
            if (type.equals("text/plain") && parts.length > 1) {
                String version = parts[1].trim();
                if (version.equals("version=0.4.0") || version.equals("version=0.0.4")) {
                    return true;
                }
            }
        }
        return false;
    }
}
