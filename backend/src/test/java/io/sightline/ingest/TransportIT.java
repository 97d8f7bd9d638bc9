package io.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

/**
 * Both ports under {@code server.address} and {@code server.ssl}: the OTLP port binds the configured
 * address only and speaks TLS like the main one, and the session cookie is {@code Secure}.
 *
 * <p>{@code tls/localhost.p12}, a test-only self-signed certificate for localhost and 127.0.0.1, was
 * made with {@code keytool -genkeypair -storetype PKCS12 -alias localhost -keyalg EC -groupname
 * secp256r1 -validity 36500 -dname CN=localhost -ext san=dns:localhost,ip:127.0.0.1}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "server.address=127.0.0.1",
            "server.ssl.key-store=classpath:tls/localhost.p12",
            "server.ssl.key-store-type=PKCS12",
            "server.ssl.key-store-password=" + TransportIT.STORE_PASSWORD,
            "server.ssl.key-alias=localhost"
        })
class TransportIT extends IntegrationTest {

    static final String STORE_PASSWORD = "sightline-test";

    @Autowired
    IngestConfiguration.OtlpHttpPort otlpPort;

    @Autowired
    GrpcServerLifecycle grpcServer;

    private final HttpClient https = trustingTestCertificate();

    @Test
    void theOtlpPortsBindServerAddressOnly() throws Exception {
        int otlp = otlpPort.localPort();
        int grpc = grpcServer.getPort();
        // 127.0.0.2 is this machine too: a port bound to every address answers there, one bound to 127.0.0.1 does not.
        assertThatThrownBy(() -> new Socket("127.0.0.2", otlp).close()).isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> new Socket("127.0.0.2", port).close()).isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> new Socket("127.0.0.2", grpc).close()).isInstanceOf(ConnectException.class);
        new Socket("127.0.0.1", otlp).close();
        new Socket("127.0.0.1", grpc).close();
    }

    @Test
    void theOtlpPortSpeaksTls() throws Exception {
        URI traces = URI.create("https://127.0.0.1:" + otlpPort.localPort() + "/v1/traces");
        HttpResponse<String> response = https.send(
                HttpRequest.newBuilder(traces)
                        .header("Authorization", "Bearer " + BOOTSTRAP_KEY)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"resourceSpans\":[]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

        HttpRequest plain = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + otlpPort.localPort() + "/v1/traces"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"resourceSpans\":[]}"))
                .build();
        HttpResponse<String> refused = HTTP.send(plain, HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as("plain HTTP on a TLS port").isEqualTo(400);
    }

    @Test
    void theSessionCookieIsSecureOverTls() throws Exception {
        HttpResponse<String> login = https.send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/login"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Set-Cookie").orElseThrow())
                .startsWith("JSESSIONID=")
                .contains("; Secure")
                .contains("; HttpOnly")
                .contains("; SameSite=Lax");
    }

    private static HttpClient trustingTestCertificate() {
        try (InputStream store = TransportIT.class.getResourceAsStream("/tls/localhost.p12")) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(store, STORE_PASSWORD.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(keys);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(tls).build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
