package io.oven.workflows.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** Real HTTP against the running service, as a client would talk to it. */
public final class ApiClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** The admin API token every test service is started with ({@code oven.admin.token}). */
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";
    /** The first admin's password every test service is started with ({@code oven.admin.password}). */
    public static final String ADMIN_PASSWORD = "test-admin-password";

    private final String base;
    private final String authorization;

    ApiClient(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** A client of the service at {@code base}, as the admin (its API token). */
    public static ApiClient at(String base) {
        return new ApiClient(base, "Bearer " + ADMIN_TOKEN);
    }

    /** The arguments a test starts a service with so {@link #at} may call it. */
    public static java.util.List<String> adminArgs() {
        return java.util.List.of("--oven.admin.token=" + ADMIN_TOKEN, "--oven.admin.password=" + ADMIN_PASSWORD);
    }

    /** The same service without any credentials. */
    public ApiClient anonymous() {
        return new ApiClient(base, null);
    }

    /** The same service with another API token. */
    public ApiClient withToken(String token) {
        return new ApiClient(base, "Bearer " + token);
    }

    /** The same service with HTTP Basic. */
    public ApiClient withLogin(String user, String password) {
        return new ApiClient(base, "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    public record Response(int status, java.net.http.HttpHeaders headers, String text) {
        public JsonNode json() {
            try {
                return MAPPER.readTree(text);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (status " + status + "): " + text, e);
            }
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    public static String query(String json) {
        return URLEncoder.encode(json, StandardCharsets.UTF_8);
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response post(String path, Object body) {
        return post(path, write(body));
    }

    public Response put(String path, Object body) {
        return put(path, write(body));
    }

    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    public Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String write(Object body) {
        try {
            return body instanceof String s ? s : MAPPER.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
