package io.oven.workflows.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oven.workflows.api.Origins;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jolokia's policy for a caller who is not an admin (a viewer or editor, as no one is set in the
 * security context here): it reads, it never changes the JVM (exec, write, in a GET path or a
 * POSTed request or bulk request), and no web page of another origin reaches it. (ConsoleIT
 * covers the console with an admin's login.)
 */
class JolokiaGuardTest {

    final JolokiaGuard open = new JolokiaGuard(new Origins(List.of()), new ObjectMapper());

    MockHttpServletResponse send(MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        open.doFilter(request, response, new MockFilterChain());
        return response;
    }

    MockHttpServletRequest post(String body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/actuator/jolokia");
        request.addHeader("Host", "localhost:8080");
        request.setContentType("text/plain");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }

    @Test
    void readsPass() throws Exception {
        assertThat(send(post("{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\"}")).getStatus()).isEqualTo(200);
        MockHttpServletRequest get = new MockHttpServletRequest("GET", "/actuator/jolokia/read/java.lang:type=Memory");
        assertThat(send(get).getStatus()).isEqualTo(200);
    }

    @Test
    void execAndWriteAreRefusedToOthersThanAdmins() throws Exception {
        assertThat(send(post("{\"type\":\"exec\",\"mbean\":\"java.lang:type=Memory\",\"operation\":\"gc()\"}"))
                .getStatus()).isEqualTo(403);
        assertThat(send(post("[{\"type\":\"read\",\"mbean\":\"a:b=c\"},{\"type\":\"EXEC\",\"mbean\":\"a:b=c\"}]"))
                .getStatus()).isEqualTo(403);
        assertThat(send(post("{\"type\":\"write\",\"mbean\":\"a:b=c\",\"attribute\":\"x\",\"value\":1}")).getStatus())
                .isEqualTo(403);
        assertThat(send(post("not json")).getStatus()).isEqualTo(403);
        assertThat(send(new MockHttpServletRequest("GET", "/actuator/jolokia/exec/java.lang:type=Memory/gc")).getStatus())
                .isEqualTo(403);
    }

    @Test
    void aPageOfAnotherOriginIsRefused() throws Exception {
        MockHttpServletRequest request = post("{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\"}");
        request.addHeader("Origin", "http://evil.example");

        MockHttpServletResponse response = send(request);

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentAsString()).contains("another origin");
    }
}
