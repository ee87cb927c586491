package io.oven.workflows.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.settings.ServiceSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secret config values at rest: sealed with AES-256-GCM (a fresh 96-bit nonce each time, the
 * row's {@code module.key} as associated data, so a sealed value moved to another key does not
 * open) and stored as {@code {"$oven-sealed": "v1:<base64>"}}. The key is {@code oven.secrets.key}
 * ({@code OVEN_SECRETS_KEY}, 32 bytes in base64); unset, it is read from — or on first use made
 * into — {@code <oven.data-dir>/secrets.key} (owner-only). Instances that share a database must
 * share the key.
 */
@Component
public class SecretBox {

    public static final String FIELD = "$oven-sealed";
    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    private static final String VERSION = "v1:";
    private static final int NONCE = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ObjectMapper mapper;
    private final String configured;
    private final Path file;
    private volatile SecretKeySpec key;

    SecretBox(ObjectMapper mapper, ServiceSettings settings) {
        this.mapper = mapper;
        this.configured = settings.secrets().key().trim();
        this.file = settings.dataDir().resolve("secrets.key");
        if (!this.configured.isEmpty()) {
            key = parse(this.configured, "oven.secrets.key (OVEN_SECRETS_KEY)");
        }
    }

    private static SecretKeySpec parse(String base64, String where) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + " is not base64: give 32 random bytes, e.g. `openssl rand -base64 32`");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(where + " must be 32 bytes (AES-256), not " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (key == null) {
                key = loadOrMake();
            }
            return key;
        }
    }

    private SecretKeySpec loadOrMake() {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] made = new byte[32];
                RANDOM.nextBytes(made);
                try {
                    Path created = Files.createFile(file);
                    try {
                        Files.setPosixFilePermissions(created, PosixFilePermissions.fromString("rw-------"));
                    } catch (UnsupportedOperationException e) {
                        // not a POSIX file system: the data dir's own permissions guard it
                    }
                    Files.writeString(created, Base64.getEncoder().encodeToString(made));
                    log.info("made the key that seals secret config values: {} (set OVEN_SECRETS_KEY to share one)", file);
                } catch (FileAlreadyExistsException e) {
                    // another start made it first: read that one
                }
            }
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or make the secrets key " + file, e);
        }
    }

    public boolean sealed(JsonNode stored) {
        return stored != null && stored.isObject() && stored.size() == 1 && stored.path(FIELD).isTextual();
    }

    /** The value sealed for the config key {@code name} ({@code module.KEY}). */
    public JsonNode seal(JsonNode value, String name) {
        if (sealed(value)) {
            return value;
        }
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(mapper.writeValueAsBytes(value));
            ObjectNode out = mapper.createObjectNode();
            out.put(FIELD, VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE + sealed.length)
                    .put(nonce).put(sealed).array()));
            return out;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot seal the secret " + name, e);
        }
    }

    /** The value a sealed one holds; a value that is not sealed is answered as it is. */
    public JsonNode open(JsonNode stored, String name) {
        if (!sealed(stored)) {
            return stored;
        }
        String text = stored.get(FIELD).asText();
        try {
            if (!text.startsWith(VERSION)) {
                throw new GeneralSecurityException("unknown format");
            }
            byte[] all = Base64.getDecoder().decode(text.substring(VERSION.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(128, all, 0, NONCE));
            cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
            return mapper.readTree(cipher.doFinal(all, NONCE, all.length - NONCE));
        } catch (GeneralSecurityException | IllegalArgumentException | IOException e) {
            throw new IllegalStateException("the secret " + name + " cannot be opened with this service's key "
                    + "(OVEN_SECRETS_KEY or " + file + "): was it sealed with another one?");
        }
    }
}
