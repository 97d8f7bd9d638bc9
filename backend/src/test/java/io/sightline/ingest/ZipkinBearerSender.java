package io.sightline.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import zipkin2.reporter.BytesMessageEncoder;
import zipkin2.reporter.BytesMessageSender;
import zipkin2.reporter.Encoding;

/**
 * A Zipkin sender on the JDK's HttpClient that posts each message as Zipkin's URLConnectionSender
 * does (gzip, the encoding's content type) plus {@code Authorization: Bearer <key>}, which that
 * sender, and the OkHttpSender the OpenTelemetry Zipkin exporter builds by default, cannot add.
 * Any answer but 2xx fails the send, as theirs do, so a reporter or exporter sees the failure.
 */
final class ZipkinBearerSender implements BytesMessageSender {

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI endpoint;
    private final Encoding encoding;
    private final String key;
    private final List<Integer> statuses = new CopyOnWriteArrayList<>();

    ZipkinBearerSender(URI endpoint, Encoding encoding, String key) {
        this.endpoint = endpoint;
        this.encoding = encoding;
        this.key = key;
    }

    /** The HTTP status of every message sent so far. */
    List<Integer> statuses() {
        return List.copyOf(statuses);
    }

    @Override
    public Encoding encoding() {
        return encoding;
    }

    @Override
    public int messageMaxBytes() {
        return 500_000;
    }

    @Override
    public int messageSizeInBytes(List<byte[]> encodedSpans) {
        return encoding.listSizeInBytes(encodedSpans);
    }

    @Override
    public int messageSizeInBytes(int encodedSizeInBytes) {
        return encoding.listSizeInBytes(encodedSizeInBytes);
    }

    @Override
    public void send(List<byte[]> encodedSpans) throws IOException {
        byte[] message = BytesMessageEncoder.forEncoding(encoding).encode(encodedSpans);
        HttpResponse<String> response;
        try {
            response = http.send(
                    HttpRequest.newBuilder(endpoint)
                            .header("Authorization", "Bearer " + key)
                            .header("Content-Type", encoding.mediaType())
                            .header("Content-Encoding", "gzip")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(gzip(message)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        statuses.add(response.statusCode());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("Zipkin endpoint answered " + response.statusCode() + ": " + response.body());
        }
    }

    @Override
    public void close() {
        http.close();
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(bytes);
        }
        return compressed.toByteArray();
    }
}
