package io.oven.workflows.registry;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * This service as its own api-call nodes reach it over HTTP (strategy {@code network}): its base
 * URL and the token it accepts from itself — made at start, never stored or shown, sent only to
 * this base URL (an editor's rights: game modules and workflow reads).
 */
public record LocalService(Supplier<String> baseUrl, String token) {

    /** A service at {@code baseUrl} with a fresh token. */
    public static LocalService at(Supplier<String> baseUrl) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new LocalService(baseUrl, "oven-local_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    public String authorization() {
        return "Bearer " + token;
    }

    /** Whether a presented token is this one (in constant time). */
    public boolean accepts(String presented) {
        return MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
