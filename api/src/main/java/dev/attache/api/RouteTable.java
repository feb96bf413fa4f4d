package dev.attache.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Method + path pattern → handler, matched like Go's {@code http.ServeMux}: a pattern ending in
 * {@code /} is a prefix whose remainder is the path parameter, any other pattern matches exactly, and
 * the longest pattern wins. Built once; a duplicate route fails at build time.
 */
public final class RouteTable {

    /**
     * One method of one pattern.
     *
     * @param errors how this route reads its own failures before they are mapped (usually {@link ErrorTranslation#none()})
     */
    public record Route(String method, String pattern, Permission permission, Handler handler,
                        ErrorTranslation errors, Runnable beforeForwarding) {

        /**
         * True when the route serves {@code ?dc=} by forwarding the request to that datacenter (Consul's RPCs with a
         * {@code Datacenter}); {@link #beforeForwarding()} is what must pass here first.
         */
        public boolean datacenterScoped() {
            return beforeForwarding != null;
        }
    }

    /** A path's routes by method, in registration order, and its {@code Allow} header value. */
    public record Endpoint(String pattern, Map<String, Route> routes, String allow) {
    }

    /** A lookup result: the endpoint and the path parameter (the prefix route's remainder). */
    public record Match(Endpoint endpoint, String pathParam) {
    }

    private final Map<String, Endpoint> exact;
    private final List<Endpoint> prefixes;

    private RouteTable(Map<String, Endpoint> exact, List<Endpoint> prefixes) {
        this.exact = exact;
        this.prefixes = prefixes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The endpoint serving {@code path}, or null when none does. */
    public Match match(String path) {
        Endpoint e = exact.get(path);
        if (e != null) {
            return new Match(e, "");
        }
        for (Endpoint p : prefixes) {
            if (path.startsWith(p.pattern())) {
                return new Match(p, path.substring(p.pattern().length()));
            }
        }
        return null;
    }

    /** True when {@code path + "/"} is a prefix pattern: Go's mux redirects such a path there (301). */
    public boolean isSubtreeRoot(String path) {
        String withSlash = path + "/";
        return prefixes.stream().anyMatch(p -> p.pattern().equals(withSlash));
    }

    /** Every route, for documentation and tests. */
    public List<Route> routes() {
        List<Route> all = new ArrayList<>();
        exact.values().forEach(e -> all.addAll(e.routes().values()));
        prefixes.forEach(e -> all.addAll(e.routes().values()));
        return all;
    }

    /** Collects routes; {@link #build()} checks them. */
    public static final class Builder {
        private final Map<String, Map<String, Route>> byPattern = new LinkedHashMap<>();
        private Runnable beforeForwarding;

        /**
         * The routes {@code routes} adds serve {@code ?dc=} naming another datacenter by forwarding the request
         * there, once {@code beforeForwarding} passed here (it throws {@link ApiException}, e.g. 401 when ACLs are
         * off).
         */
        public Builder datacenterScoped(Runnable beforeForwarding, java.util.function.Consumer<Builder> routes) {
            this.beforeForwarding = java.util.Objects.requireNonNull(beforeForwarding);
            try {
                routes.accept(this);
            } finally {
                this.beforeForwarding = null;
            }
            return this;
        }

        private Builder() {
        }

        public Builder get(String pattern, Permission permission, Handler.Sync handler) {
            return add("GET", pattern, permission, sync(handler));
        }

        public Builder getAsync(String pattern, Permission permission, Handler handler) {
            return add("GET", pattern, permission, handler);
        }

        public Builder getAsync(String pattern, Permission permission, Handler handler, ErrorTranslation errors) {
            return add("GET", pattern, permission, handler, errors);
        }

        public Builder put(String pattern, Permission permission, Handler.Sync handler) {
            return add("PUT", pattern, permission, sync(handler));
        }

        public Builder putAsync(String pattern, Permission permission, Handler handler) {
            return add("PUT", pattern, permission, handler);
        }

        public Builder putAsync(String pattern, Permission permission, Handler handler, ErrorTranslation errors) {
            return add("PUT", pattern, permission, handler, errors);
        }

        public Builder delete(String pattern, Permission permission, Handler.Sync handler) {
            return add("DELETE", pattern, permission, sync(handler));
        }

        public Builder deleteAsync(String pattern, Permission permission, Handler handler) {
            return add("DELETE", pattern, permission, handler);
        }

        public Builder deleteAsync(String pattern, Permission permission, Handler handler, ErrorTranslation errors) {
            return add("DELETE", pattern, permission, handler, errors);
        }

        public Builder add(String method, String pattern, Permission permission, Handler handler) {
            return add(method, pattern, permission, handler, ErrorTranslation.none());
        }

        public Builder add(String method, String pattern, Permission permission, Handler handler,
                           ErrorTranslation errors) {
            java.util.Objects.requireNonNull(errors, "errors");
            if (!pattern.startsWith("/")) {
                throw new IllegalArgumentException("route pattern must start with '/': " + pattern);
            }
            Map<String, Route> methods = byPattern.computeIfAbsent(pattern, p -> new LinkedHashMap<>());
            if (methods.putIfAbsent(method, new Route(method, pattern, permission, handler, errors,
                    beforeForwarding)) != null) {
                throw new IllegalStateException("duplicate route: " + method + " " + pattern);
            }
            return this;
        }

        public RouteTable build() {
            Map<String, Endpoint> exact = new HashMap<>();
            List<Endpoint> prefixes = new ArrayList<>();
            byPattern.forEach((pattern, methods) -> {
                String allow = "OPTIONS," + String.join(",", methods.keySet());
                Endpoint e = new Endpoint(pattern, Map.copyOf(methods), allow);
                if (pattern.endsWith("/")) {
                    prefixes.add(e);
                } else {
                    exact.put(pattern, e);
                }
            });
            prefixes.sort(Comparator.comparingInt((Endpoint e) -> e.pattern().length()).reversed());
            return new RouteTable(Map.copyOf(exact), List.copyOf(prefixes));
        }

        private static Handler sync(Handler.Sync handler) {
            return request -> CompletableFuture.completedFuture(handler.handle(request));
        }
    }
}
