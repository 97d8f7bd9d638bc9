package io.sightline.ingest;

import com.google.protobuf.CodedInputStream;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An OTLP/HTTP exporter that tells apart what a real one cannot: a request never sent (the
 * connection was refused) from one sent and never answered. One connection per request, so a
 * server closing idle keep-alive connections cannot blur the two.
 */
final class Exporter {

    /** What became of one request. */
    enum Fate {
        /** The server answered; see {@link Answer#status()}. */
        ANSWERED,
        /** The connection was refused: nothing reached the server. */
        NOT_SENT,
        /** The request was written but the connection ended before an answer. */
        NO_ANSWER
    }

    /** The answer: status, {@code Retry-After} and the {@code google.rpc.Status} of a refusal. */
    record Answer(Fate fate, int status, String retryAfter, int rpcCode, String message) {

        boolean ok() {
            return fate == Fate.ANSWERED && status == 200;
        }

        @Override
        public String toString() {
            return fate == Fate.ANSWERED ? status + " " + message + " (Retry-After " + retryAfter + ")" : fate.name();
        }
    }

    private Exporter() {}

    /** Posts {@code request} as protobuf with {@code apiKey}; waits at most {@code timeoutMillis} for the answer. */
    static Answer export(int port, String apiKey, ExportTraceServiceRequest request, int timeoutMillis)
            throws IOException {
        byte[] body = request.toByteArray();
        try (Socket socket = new Socket()) {
            try {
                socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
            } catch (ConnectException refused) {
                return new Answer(Fate.NOT_SENT, 0, null, 0, refused.getMessage());
            }
            socket.setSoTimeout(timeoutMillis);
            byte[] response;
            try {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /v1/traces HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + apiKey
                                + "\r\nContent-Type: application/x-protobuf\r\nContent-Length: " + body.length
                                + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                response = socket.getInputStream().readAllBytes();
            } catch (IOException reset) {
                return new Answer(Fate.NO_ANSWER, 0, null, 0, reset.getMessage());
            }
            return parse(response);
        }
    }

    private static Answer parse(byte[] response) throws IOException {
        String text = new String(response, StandardCharsets.ISO_8859_1);
        int headersEnd = text.indexOf("\r\n\r\n");
        if (headersEnd < 0) {
            return new Answer(Fate.NO_ANSWER, 0, null, 0, "incomplete answer: " + text);
        }
        String[] lines = text.substring(0, headersEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        String retryAfter = null;
        boolean chunked = false;
        for (String line : lines) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("retry-after:")) {
                retryAfter = line.substring(line.indexOf(':') + 1).strip();
            }
            chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
        }
        InputStream body = new ByteArrayInputStream(response, headersEnd + 4, response.length - headersEnd - 4);
        byte[] content = chunked ? unchunk(body) : body.readAllBytes();
        if (status == 200) {
            return new Answer(Fate.ANSWERED, status, retryAfter, 0, "");
        }
        int code = 0;
        String message = new String(content, StandardCharsets.UTF_8);
        CodedInputStream fields = CodedInputStream.newInstance(content);
        try {
            for (int tag = fields.readTag(); tag != 0; tag = fields.readTag()) {
                switch (tag) {
                    case 8 -> code = fields.readInt32();
                    case 18 -> message = fields.readString();
                    default -> fields.skipField(tag);
                }
            }
        } catch (IOException notAStatus) {
            // a body that is not a google.rpc.Status (Tomcat's own error page): keep it as text
        }
        return new Answer(Fate.ANSWERED, status, retryAfter, code, message);
    }

    private static byte[] unchunk(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            StringBuilder size = new StringBuilder();
            for (int c = in.read(); c != '\n' && c >= 0; c = in.read()) {
                if (c != '\r') {
                    size.append((char) c);
                }
            }
            int length = size.isEmpty()
                    ? 0
                    : Integer.parseInt(size.toString().split(";")[0].strip(), 16);
            if (length == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(length));
            in.skipNBytes(2);
        }
    }
}
