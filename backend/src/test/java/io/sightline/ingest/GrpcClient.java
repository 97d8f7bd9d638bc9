package io.sightline.ingest;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.rpc.RetryInfo;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * A Collector-style OTLP/gRPC client (grpc-java, plaintext) for the tests and the ingest benchmark,
 * with the key in its metadata.
 */
public final class GrpcClient implements AutoCloseable {

    /** Export as a client that sends any bytes, as a broken or hostile sender would. */
    private static final MethodDescriptor<byte[], ExportTraceServiceResponse> RAW_EXPORT =
            TraceServiceGrpc.getExportMethod().toBuilder(
                            new MethodDescriptor.Marshaller<byte[]>() {
                                @Override
                                public InputStream stream(byte[] value) {
                                    return new ByteArrayInputStream(value);
                                }

                                @Override
                                public byte[] parse(InputStream stream) {
                                    try {
                                        return stream.readAllBytes();
                                    } catch (IOException e) {
                                        throw new UncheckedIOException(e);
                                    }
                                }
                            },
                            ProtoUtils.marshaller(ExportTraceServiceResponse.getDefaultInstance()))
                    .build();

    private final ManagedChannel channel;

    public GrpcClient(String host, int port) {
        channel = NettyChannelBuilder.forAddress(host, port).usePlaintext().build();
    }

    GrpcClient(int port) {
        this("localhost", port);
    }

    /** The generated stub, sending {@code key} (none when null). */
    TraceServiceGrpc.TraceServiceBlockingStub stub(String key) {
        return TraceServiceGrpc.newBlockingStub(withKey(key)).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    /** The error Export answers {@code message} with (fails the test when it succeeds). */
    StatusRuntimeException refusal(String key, byte[] message) {
        return catchThrowableOfType(StatusRuntimeException.class, () -> export(key, message, false));
    }

    /** Exports {@code message} as it is, gzip-compressed on the wire when asked; throws the error answered. */
    public ExportTraceServiceResponse export(String key, byte[] message, boolean gzip) {
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(60, TimeUnit.SECONDS);
        return ClientCalls.blockingUnaryCall(
                withKey(key).newCall(RAW_EXPORT, gzip ? options.withCompression("gzip") : options), message);
    }

    private Channel withKey(String key) {
        Metadata metadata = new Metadata();
        if (key != null) {
            metadata.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + key);
        }
        return ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(metadata));
    }

    /** The {@code google.rpc.RetryInfo} in an error's status details, or null when it has none. */
    public static RetryInfo retryInfo(StatusRuntimeException refused) {
        var status = StatusProto.fromThrowable(refused);
        if (status == null) {
            return null;
        }
        for (var detail : status.getDetailsList()) {
            if (detail.is(RetryInfo.class)) {
                try {
                    return detail.unpack(RetryInfo.class);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return null;
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
