package io.oven.workflows.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Guards API request bodies before Camel reads them: a body that is not JSON (a form, a
 * multipart upload) is a 415, and one above {@code oven.api.max-request-size} a 413, at once
 * when Content-Length says so, and after reading at most the limit when the body is chunked.
 */
class ApiRequestFilter extends OncePerRequestFilter {

    private final long limit;
    private final ObjectMapper mapper;

    ApiRequestFilter(DataSize limit, ObjectMapper mapper) {
        this.limit = limit.toBytes();
        this.mapper = mapper;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        if (type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/"))) {
            response.setStatus(415);
            response.setContentType("application/json");
            response.getWriter().write(mapper.writeValueAsString(new ErrorBody("unsupported content type '" + type
                    + "': send JSON with Content-Type: application/json", List.of())));
            return;
        }
        if (request.getContentLengthLong() > limit) {
            refuse(response);
            return;
        }
        if (request.getContentLengthLong() < 0 && hasBody(request)) {
            // Chunked: read it here, where a 413 can still be answered, rather than inside the
            // route, which runs asynchronously and may already have answered.
            byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                refuse(response);
                return;
            }
            chain.doFilter(new BufferedRequest(request, body), response);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean hasBody(HttpServletRequest request) {
        String method = request.getMethod();
        return "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method);
    }

    private void refuse(HttpServletResponse response) throws IOException {
        response.setStatus(413);
        response.setContentType("application/json");
        response.getWriter().write(mapper.writeValueAsString(new ErrorBody("request body too large: the limit is "
                + limit + " bytes (oven.api.max-request-size)", List.of())));
    }

    private static final class BufferedRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int off, int len) {
                    return in.read(buffer, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
