package io.sightline.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.IntegrationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Behind a TLS-terminating proxy with {@code server.forward-headers-strategy=framework}: the session
 * cookie is {@code Secure} when the proxy says the client used HTTPS, and only then.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "server.forward-headers-strategy=framework")
class ForwardedProtoCookieIT extends IntegrationTest {

    @Test
    void theSessionCookieIsSecureWhenTheProxySaysHttps() throws Exception {
        assertThat(sessionCookie("https")).contains("; Secure").contains("; SameSite=Lax");
        assertThat(sessionCookie("http")).doesNotContain("Secure");
    }

    private String sessionCookie(String forwardedProto) throws Exception {
        HttpResponse<String> login = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                        .header("X-Forwarded-Proto", forwardedProto)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        return login.headers().firstValue("Set-Cookie").orElseThrow();
    }
}
