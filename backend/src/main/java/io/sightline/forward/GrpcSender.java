package io.sightline.forward;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * OTLP/gRPC through grpc-java's Netty transport, the headers as metadata; TLS for https://,
 * plaintext for http://. OTLP's rules: CANCELLED, DEADLINE_EXCEEDED, ABORTED, OUT_OF_RANGE,
 * UNAVAILABLE and DATA_LOSS are retried, RESOURCE_EXHAUSTED only when the server sent {@code
 * RetryInfo} (it can recover), honouring its delay; every other code is permanent.
 */
final class GrpcSender implements ExportResult.Sender {

    private static final Set<Status.Code> RETRYABLE = Set.of(
            Status.Code.CANCELLED,
            Status.Code.DEADLINE_EXCEEDED,
            Status.Code.ABORTED,
            Status.Code.OUT_OF_RANGE,
            Status.Code.UNAVAILABLE,
            Status.Code.DATA_LOSS);

    private final ManagedChannel channel;
    private final TraceServiceGrpc.TraceServiceBlockingStub stub;
    private final Duration timeout;

    GrpcSender(ForwardingProperties.Destination destination) {
        URI endpoint = destination.endpoint();
        boolean tls = "https".equalsIgnoreCase(endpoint.getScheme());
        int port = endpoint.getPort() >= 0 ? endpoint.getPort() : tls ? 443 : 80;
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(endpoint.getHost(), port);
        this.channel = (tls ? builder.useTransportSecurity() : builder.usePlaintext()).build();
        Metadata metadata = new Metadata();
        // gRPC metadata keys are lowercase
        destination
                .headers()
                .forEach((name, value) -> metadata.put(
                        Metadata.Key.of(name.toLowerCase(Locale.ROOT), Metadata.ASCII_STRING_MARSHALLER), value));
        this.stub = TraceServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata));
        this.timeout = destination.timeout();
    }

    @Override
    public ExportResult send(ExportTraceServiceRequest request) {
        try {
            var partial = stub.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .export(request)
                    .getPartialSuccess();
            return new ExportResult.Sent(partial.getRejectedSpans(), partial.getErrorMessage());
        } catch (StatusRuntimeException e) {
            return classify(e);
        }
    }

    static ExportResult classify(StatusRuntimeException failure) {
        Status status = failure.getStatus();
        String reason =
                "gRPC " + status.getCode() + (status.getDescription() == null ? "" : " " + status.getDescription());
        Duration retryDelay = retryDelay(failure);
        if (RETRYABLE.contains(status.getCode())
                || (status.getCode() == Status.Code.RESOURCE_EXHAUSTED && retryDelay != null)) {
            return new ExportResult.Retry(retryDelay, reason);
        }
        return new ExportResult.Failed(reason);
    }

    /** The delay of the {@code RetryInfo} detail in the status, if the server sent one. */
    private static Duration retryDelay(StatusRuntimeException failure) {
        com.google.rpc.Status status = StatusProto.fromThrowable(failure);
        if (status == null) {
            return null;
        }
        for (var detail : status.getDetailsList()) {
            if (detail.is(RetryInfo.class)) {
                try {
                    var delay = detail.unpack(RetryInfo.class).getRetryDelay();
                    return Duration.ofSeconds(delay.getSeconds(), delay.getNanos());
                } catch (InvalidProtocolBufferException e) {
                    return null;
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
