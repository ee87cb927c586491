package io.oven.workflows.api;

import jakarta.servlet.http.HttpServletRequest;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which web origins may call the service from a browser: its own (the dashboard it serves) and
 * those configured. A request without an {@code Origin} header is not from a cross-origin page
 * (scripts and curl send none; browsers send one on every cross-origin request that could
 * change something).
 */
public final class Origins {

    private final List<String> configured;

    public Origins(List<String> configured) {
        this.configured = configured.stream().map(String::trim).filter(o -> !o.isEmpty())
                .map(o -> o.toLowerCase(Locale.ROOT).replaceFirst("/$", "")).toList();
    }

    public List<String> configured() {
        return configured;
    }

    public boolean allowed(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        String normalised = origin.trim().toLowerCase(Locale.ROOT);
        return sameOrigin(normalised, request) || configured.contains(normalised) || configured.contains("*");
    }

    /**
     * The page's host is the host the request was sent to. Scheme and port are not compared: behind
     * a TLS-terminating proxy the browser's {@code https://host} reaches this service as plain HTTP
     * on another port.
     */
    private static boolean sameOrigin(String origin, HttpServletRequest request) {
        URI uri;
        try {
            uri = URI.create(origin);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String host = request.getHeader("Host");
        if (uri.getHost() == null || host == null) {
            return false;
        }
        try {
            String self = URI.create("http://" + host.trim()).getHost();
            return self != null && uri.getHost().equalsIgnoreCase(self);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
