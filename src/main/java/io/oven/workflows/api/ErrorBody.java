package io.oven.workflows.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oven.workflows.problem.Violation;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.List;

/** The one error shape every endpoint answers with. */
public record ErrorBody(String error, List<Violation> details) {

    /** Answers {@code status} with this shape from a servlet filter, before any route runs. */
    public static void write(HttpServletResponse response, ObjectMapper mapper, int status, String error)
            throws IOException {
        write(response, mapper, status, error, List.of());
    }

    /** The same, with the problems found. */
    public static void write(HttpServletResponse response, ObjectMapper mapper, int status, String error,
                             List<Violation> details) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(mapper.writeValueAsString(new ErrorBody(error, details)));
    }
}
