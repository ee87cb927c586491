package io.oven.workflows.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Guards API requests before Camel reads them. A request from a web page of another origin is
 * refused (403) unless that origin is on {@code oven.api.cors-allowed-origins}: a page the user
 * happens to visit must not be able to create or run workflows. A body that is not JSON
 * ({@code text/plain}, a form, a multipart upload — the kinds a browser sends cross-origin
 * without asking first) is a 415, and one above {@code oven.api.max-request-size} a 413, at once
 * when Content-Length says so, and after reading at most the limit when the body is chunked.
 */
class ApiRequestFilter extends OncePerRequestFilter {

    private final long limit;
    private final ObjectMapper mapper;
    private final Origins origins;

    ApiRequestFilter(DataSize limit, ObjectMapper mapper, Origins origins) {
        this.limit = limit.toBytes();
        this.mapper = mapper;
        this.origins = origins;
    }

    /** Whether a request body of this Content-Type is JSON in UTF-8 (the only kind the API reads). */
    static boolean json(String contentType) {
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        String media = parts[0].trim();
        if (!media.equals("application/json") && !(media.startsWith("application/") && media.endsWith("+json"))) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].trim().split("=", 2);
            if (parameter[0].trim().equals("charset") && (parameter.length < 2
                    || !parameter[1].trim().replace("\"", "").equals("utf-8"))) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!origins.allowed(request)) {
            answer(response, 403, "requests from the web page at " + request.getHeader("Origin") + " are refused: "
                    + "only the dashboard's own origin and those on oven.api.cors-allowed-origins may call the API");
            return;
        }
        String type = request.getContentType();
        boolean sendsBody = request.getContentLengthLong() > 0 || request.getContentLengthLong() < 0 && hasBody(request)
                && request.getHeader("Transfer-Encoding") != null;
        if (sendsBody && (type == null || !json(type))) {
            answer(response, 415, "unsupported content type " + (type == null ? "(none)" : "'" + type + "'")
                    + ": send JSON in UTF-8 with Content-Type: application/json");
            return;
        }
        if (request.getContentLengthLong() > limit) {
            refuse(response);
            return;
        }
        if (sendsBody) {
            // Read here, where a 413 or 400 can still be answered, rather than inside the route,
            // which runs asynchronously and may already have answered (chunked bodies have no length).
            byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                refuse(response);
                return;
            }
            if (!utf8(body)) {
                answer(response, 400, "the body is not valid UTF-8");
                return;
            }
            chain.doFilter(new BufferedRequest(request, body), response);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Whether the body is valid UTF-8: decided here once, so the routes can decode it plainly. */
    private static boolean utf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean hasBody(HttpServletRequest request) {
        String method = request.getMethod();
        return "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method);
    }

    private void refuse(HttpServletResponse response) throws IOException {
        answer(response, 413, "request body too large: the limit is " + limit + " bytes (oven.api.max-request-size)");
    }

    private void answer(HttpServletResponse response, int status, String error) throws IOException {
        ErrorBody.write(response, mapper, status, error);
    }
}
