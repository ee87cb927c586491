package io.oven.workflows.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replaces secret config values wherever they appear in what an execution records or emits. A
 * value is masked when it equals a secret or one of an object secret's fields, and a text when it
 * holds one of them (at least {@link #MIN_INSIDE} characters long) as written, reversed,
 * URL-encoded, in hex (either case) or in base64 (standard or URL-safe, at any offset in a longer
 * encoded text). Not caught: values computed from a secret in other ways (arithmetic, other
 * encodings, parts shorter than that) — see the README's *Secrets*.
 */
public final class Masking {

    public static final String MASK = "***";
    /** The shortest secret (or field of one) looked for inside longer texts. */
    static final int MIN_INSIDE = 3;
    /** The shortest secret whose encodings are looked for (shorter encodings match too much by chance). */
    static final int MIN_ENCODED = 4;
    private static final Map<JsonNode, Needles> NEEDLES = new ConcurrentHashMap<>();

    /** What to look for of one secret: its plain values and every spelling of them. */
    private record Needles(Set<String> values, List<String> inside) {
    }

    private Masking() {
    }

    /** A copy of {@code node} with every secret in {@code secrets} masked; the node itself if none. */
    public static JsonNode mask(JsonNode node, Set<JsonNode> secrets) {
        if (node == null || secrets.isEmpty()) {
            return node;
        }
        List<Needles> needles = new ArrayList<>(secrets.size());
        for (JsonNode secret : secrets) {
            if (NEEDLES.size() > 10_000) {
                NEEDLES.clear();
            }
            needles.add(NEEDLES.computeIfAbsent(secret, Masking::needles));
        }
        return mask(node, secrets, needles);
    }

    private static JsonNode mask(JsonNode node, Set<JsonNode> secrets, List<Needles> needles) {
        if (secrets.contains(node)) {
            return JsonNodeFactory.instance.textNode(MASK);
        }
        if (node.isValueNode() && !node.isNull()) {
            String text = node.asText();
            for (Needles n : needles) {
                if (n.values().contains(text)) {
                    return JsonNodeFactory.instance.textNode(MASK);
                }
            }
            if (!node.isTextual()) {
                return node;
            }
            String masked = text;
            for (Needles n : needles) {
                for (String needle : n.inside()) {
                    masked = masked.replace(needle, MASK);
                }
            }
            return masked.equals(text) ? node : JsonNodeFactory.instance.textNode(masked);
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), mask(e.getValue(), secrets, needles)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(v -> copy.add(mask(v, secrets, needles)));
            return copy;
        }
        return node;
    }

    private static Needles needles(JsonNode secret) {
        Set<String> values = new LinkedHashSet<>();
        values.add(secret.isValueNode() ? secret.asText() : secret.toString());
        leaves(secret, values);
        values.removeIf(v -> v.length() < MIN_INSIDE);
        Set<String> inside = new LinkedHashSet<>();
        for (String value : values) {
            inside.add(value);
            if (value.length() >= MIN_ENCODED) {
                inside.addAll(spellings(value));
            }
        }
        inside.removeIf(v -> v.length() < MIN_INSIDE);
        // Longest first, so a spelling that holds another is masked whole.
        List<String> ordered = new ArrayList<>(inside);
        ordered.sort((a, b) -> b.length() - a.length());
        return new Needles(values, ordered);
    }

    private static void leaves(JsonNode node, Set<String> into) {
        if (node.isValueNode() && !node.isNull()) {
            into.add(node.asText());
        } else if (node.isContainerNode()) {
            node.forEach(child -> leaves(child, into));
        }
    }

    /** The other ways a text is commonly written: reversed, URL-encoded, hex, base64 at each of its 3 offsets. */
    static Set<String> spellings(String value) {
        Set<String> out = new LinkedHashSet<>();
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.add(new StringBuilder(value).reverse().toString());
        out.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
        out.add(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
        out.add(HexFormat.of().formatHex(bytes));
        out.add(HexFormat.of().withUpperCase().formatHex(bytes));
        for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
            out.add(encoder.encodeToString(bytes));
            for (int offset = 0; offset < 3; offset++) {
                // The secret at this offset inside longer bytes: the 4-character groups it alone decides.
                byte[] shifted = new byte[offset + bytes.length];
                System.arraycopy(bytes, 0, shifted, offset, bytes.length);
                String encoded = encoder.withoutPadding().encodeToString(shifted);
                int from = offset == 0 ? 0 : 4;
                int whole = (offset + bytes.length) / 3 * 4;
                if (whole - from >= MIN_ENCODED) {
                    out.add(encoded.substring(from, whole));
                }
            }
        }
        out.remove(value);
        return out;
    }
}
