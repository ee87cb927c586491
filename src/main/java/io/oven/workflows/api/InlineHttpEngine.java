package io.oven.workflows.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;

/**
 * platform-http on Spring MVC, each request served on the Tomcat thread that took it.
 *
 * <p>Camel's own consumer hands every request to a task pool and returns a future, so Spring MVC
 * starts servlet async processing and, once the route is done, dispatches the request a second
 * time through the whole filter chain and DispatcherServlet (handler lookup, security filters)
 * only to find it answered. For routes that answer synchronously (ours all do, and
 * {@code execute?wait=true} blocks by design) that is one thread hop and one full dispatch per
 * request for nothing: a quarter of the service's CPU on the standard workload (issue 17). This
 * consumer runs the route inline and returns no future, which Spring MVC takes as handled.
 * Tomcat's worker pool ({@code server.tomcat.threads.max}) bounds the requests in progress.
 */
final class InlineHttpEngine extends SpringBootPlatformHttpEngine {

    InlineHttpEngine(int port) {
        super(port);
    }

    @Override
    public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
        return new InlineConsumer(endpoint, processor);
    }

    static final class InlineConsumer extends SpringBootPlatformHttpConsumer {

        private static final Logger log = LoggerFactory.getLogger(InlineConsumer.class);

        InlineConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
            // The executor is never used: service() does not hand the request off.
            super(endpoint, processor, Runnable::run);
        }

        /** Serves the request now; {@code null} tells Spring MVC it is answered (no async dispatch). */
        @Override
        public CompletableFuture<Void> service(HttpServletRequest request, HttpServletResponse response) {
            try {
                handleService(request, response);
            } catch (Exception e) {
                // As Camel's consumer does: the route's own error handling answered what it could.
                log.warn("Error handling request due to: {}", e.getMessage(), e);
                if (!response.isCommitted()) {
                    try {
                        response.sendError(500);
                    } catch (Exception ignored) {
                        // the client is gone
                    }
                }
            }
            return null;
        }
    }
}
