package io.oven.workflows.api;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Tomcat's own error answers (a request it refuses before Spring sees it: {@code %00} or an
 * encoded {@code /} in the path, a malformed request line) in the API's error shape instead of
 * Tomcat's HTML page, and never with a stack trace.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"error\":\"" + (status == 400 ? "bad request: the request or its path is malformed"
                        : "error " + status) + "\",\"details\":[]}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The answer could not be written: the client has gone.
        }
    }
}
