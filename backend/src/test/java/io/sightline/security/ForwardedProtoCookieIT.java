package io.sightline.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.IntegrationTest;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Behind a TLS-terminating proxy with {@code server.forward-headers-strategy=framework}: the session
 * cookie is {@code Secure} when the proxy says the client used HTTPS, and only then; the login
 * throttle counts the client the proxy names, not the proxy.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "server.forward-headers-strategy=framework")
class ForwardedProtoCookieIT extends IntegrationTest {

    @Autowired
    LoginThrottle throttle;

    @Test
    void theSessionCookieIsSecureWhenTheProxySaysHttps() throws Exception {
        assertThat(sessionCookie("https")).contains("; Secure").contains("; SameSite=Lax");
        assertThat(sessionCookie("http")).doesNotContain("Secure");
    }

    @Test
    void theLoginThrottleCountsTheClientTheProxyNames() throws Exception {
        HttpClient client =
                HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        for (int i = 0; i < throttle.limits().maxAddressFailures(); i++) {
            assertThat(location(client, "spray-" + UUID.randomUUID(), "Winter2026!Winter", "203.0.113.9"))
                    .endsWith("/login?error");
        }
        assertThat(location(client, "admin", ADMIN_PASSWORD, "203.0.113.9")).endsWith("/login?locked");
        assertThat(location(client, "admin", ADMIN_PASSWORD, "198.51.100.4"))
                .doesNotContain("error")
                .doesNotContain("locked");
    }

    private String location(HttpClient client, String user, String password, String forwardedFor) throws Exception {
        return postLogin(client, "/login", user, password, "X-Forwarded-For", forwardedFor)
                .headers()
                .firstValue("Location")
                .orElseThrow();
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
