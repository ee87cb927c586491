package io.oven.workflows.eventbus;

import java.util.regex.Pattern;

/**
 * Event names and the patterns subscribers use: an exact name ({@code players.player.created})
 * or a prefix ending in {@code *} ({@code players.*}, or {@code *} for every event).
 */
public final class EventNames {

    /** Dotted lower-camel segments: {@code players.player.created}, {@code maps.worldConfig.activated}. */
    public static final Pattern NAME = Pattern.compile("[a-z][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)+");
    private static final Pattern PATTERN = Pattern.compile("\\*|[a-z][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)*(\\.\\*|(\\.[A-Za-z0-9_-]+))");

    private EventNames() {
    }

    public static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public static boolean isPattern(String pattern) {
        return pattern != null && PATTERN.matcher(pattern).matches();
    }

    public static boolean matches(String pattern, String name) {
        return pattern.endsWith("*") ? name.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(name);
    }

    /** The pattern as a SQL LIKE pattern (names never contain {@code %} or {@code _}-as-wildcard issues that matter). */
    static String like(String pattern) {
        String escaped = pattern.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return escaped.endsWith("*") ? escaped.substring(0, escaped.length() - 1) + "%" : escaped;
    }
}
