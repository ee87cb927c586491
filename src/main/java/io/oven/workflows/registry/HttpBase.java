package io.oven.workflows.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The base URL of an external API, reduced to parts that were each checked: {@code http} or
 * {@code https}, a host name or IP literal, an optional port and a plain path. Nothing else —
 * no query, fragment, user info, {@code {{placeholders}}} or Camel options — so the camel-http
 * endpoint URI built from it ({@link #originUri()}) says only what this class wrote.
 */
public record HttpBase(String scheme, String host, int port, String path) {

    private static final Pattern HOST_NAME = Pattern.compile(
            "^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$");
    private static final Pattern IPV6 = Pattern.compile("^\\[[0-9A-Fa-f:.]{2,45}]$");
    private static final Pattern PATH = Pattern.compile("^(/[A-Za-z0-9._~-]+)*/?$");
    /** A route of an API operation ({@code /players/:id}): the same plain characters and {@code :param}. */
    private static final Pattern ROUTE = Pattern.compile("^(/[A-Za-z0-9._~:-]*)+$");
    private static final int MAX_LENGTH = 2048;

    /** The checked parts of {@code url}, or why it is not a plain {@code http(s)://host[:port][/path]}. */
    public static Parsed parse(String url) {
        if (url == null || url.isBlank()) {
            return Parsed.problem("is required: the http(s) URL the operations are called on");
        }
        if (url.length() > MAX_LENGTH) {
            return Parsed.problem("is longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Parsed.problem("is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Parsed.problem("must start with http:// or https://");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || url.contains("?") || url.contains("#")) {
            return Parsed.problem("must be a plain http(s)://host[:port][/path]: no user info, query or fragment");
        }
        String host = uri.getHost();
        if (host == null || !(HOST_NAME.matcher(host).matches() || IPV6.matcher(host).matches())) {
            return Parsed.problem("has no valid host name");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!PATH.matcher(path).matches()) {
            return Parsed.problem("path '" + path + "' may hold only letters, digits, '.', '_', '~', '-' and '/'");
        }
        String rebuilt = scheme + "://" + host + (uri.getPort() >= 0 ? ":" + uri.getPort() : "") + path;
        if (!rebuilt.equalsIgnoreCase(url)) {
            return Parsed.problem("must be a plain http(s)://host[:port][/path]");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            return Parsed.problem("port must be 1 to 65535");
        }
        return new Parsed(Optional.of(new HttpBase(scheme, host.toLowerCase(Locale.ROOT), uri.getPort(),
                path.replaceFirst("/$", ""))), null);
    }

    /** Whether an operation's route ({@code /players/:id}) is plain enough to be appended to a base. */
    public static boolean plainRoute(String route) {
        return route != null && route.length() <= MAX_LENGTH && ROUTE.matcher(route).matches();
    }

    /**
     * The camel-http endpoint, built from the checked parts with the options this service sets: the
     * origin alone (the base path and the route travel in the CamelHttpPath header).
     */
    public String originUri() {
        return scheme + "://" + host + (port >= 0 ? ":" + port : "") + OPTIONS;
    }

    /** Errors are answers to read, and redirects are followed by the caller, which checks each hop. */
    private static final String OPTIONS = "?throwExceptionOnFailure=false&followRedirects=false";

    /** A parse result: the base, or the problem with the text. */
    public record Parsed(Optional<HttpBase> base, String problem) {
        static Parsed problem(String problem) {
            return new Parsed(Optional.empty(), problem);
        }
    }
}
