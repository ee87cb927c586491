package io.oven.workflows.nodes;

import io.oven.workflows.kit.NodeFailure;

/**
 * Oven's {@code core.sql} form: {@code $1, $2 …} placeholders bound from an array of params. Each
 * placeholder becomes the named one {@code :p1, :p2 …} — still a bound parameter, never text put
 * into the statement. Quoted strings, quoted identifiers, dollar-quoted bodies and comments are
 * passed over, so a {@code '$1'} in a literal stays a literal.
 */
final class PositionalSql {

    private PositionalSql() {
    }

    /** The statement with named placeholders; fails when a placeholder has no value. */
    static String named(String sql, int values) {
        StringBuilder out = new StringBuilder(sql.length() + 8);
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = closing(sql, i + 1, c);
                out.append(sql, i, end);
                i = end;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
                out.append(sql, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                out.append(sql, i, end);
                i = end;
            } else if (c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
                int end = i + 1;
                while (end < n && Character.isDigit(sql.charAt(end))) {
                    end++;
                }
                String digits = sql.substring(i + 1, end);
                int index = digits.length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(digits);
                if (index < 1 || index > values) {
                    throw new NodeFailure("core.sql placeholder $" + digits + " has no value: params has " + values);
                }
                out.append(":p").append(index);
                i = end;
            } else if (c == '$') {
                int end = dollarQuoted(sql, i);
                out.append(sql, i, end);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Past the quote that closes one opened just before {@code from} (a doubled quote is part of it). */
    private static int closing(String sql, int from, char quote) {
        int i = from;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    /** Past a {@code $tag$ … $tag$} body starting at {@code at}, or just past the {@code $} when it opens none. */
    private static int dollarQuoted(String sql, int at) {
        int i = at + 1;
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        if (i >= sql.length() || sql.charAt(i) != '$') {
            return at + 1;
        }
        String tag = sql.substring(at, i + 1);
        int end = sql.indexOf(tag, i + 1);
        return end < 0 ? sql.length() : end + tag.length();
    }
}
