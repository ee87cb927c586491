package io.oven.workflows.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oven.workflows.problem.Problem;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

/**
 * The API's one error mapping, as a Camel route configuration every REST handler route uses
 * ({@link ApiRoutes} applies it): a {@link Problem} becomes its status with the error shape,
 * anything else a 500 naming an incident id and nothing of the internals. Compiled workflow
 * routes do not use it; they keep their own error handling.
 */
@Component
public class ApiErrors extends RouteConfigurationBuilder {

    public static final String ID = "oven-api-errors";

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    private final ObjectMapper mapper;

    ApiErrors(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The HTTP status a problem is answered with. */
    public static int status(Problem problem) {
        if (problem instanceof Problem.Invalid) {
            return 400;
        } else if (problem instanceof Problem.Forbidden) {
            return 403;
        } else if (problem instanceof Problem.NotFound) {
            return 404;
        } else if (problem instanceof Problem.Conflict) {
            return 409;
        } else if (problem instanceof Problem.Overloaded) {
            return 429;
        }
        throw new IllegalArgumentException("no status for " + problem.getClass().getName());
    }

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(Problem.class).handled(true).process(exchange -> {
                    Problem problem = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Problem.class);
                    respond(exchange, mapper, status(problem), new ErrorBody(problem.getMessage(), problem.details()));
                    if (problem instanceof Problem.Overloaded overloaded) {
                        exchange.getMessage().setHeader("Retry-After", Integer.toString(overloaded.retryAfter()));
                    }
                }).end()
                .onException(Exception.class).handled(true).process(exchange -> {
                    Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
                    String incident = UUID.randomUUID().toString();
                    log.error("request failed (incident {})", incident, e);
                    respond(exchange, mapper, 500, new ErrorBody("internal error (incident " + incident
                            + "); the service log has the details", List.of()));
                }).end();
    }

    /** Answers with a JSON body; request headers are dropped so they are not echoed back. */
    static void respond(Exchange exchange, ObjectMapper mapper, int status, Object body) {
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            out.setBody(mapper.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write response", e);
        }
    }
}
