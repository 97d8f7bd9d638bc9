package io.sightline.ingest;

import com.google.protobuf.Any;
import com.google.protobuf.util.Durations;
import com.google.rpc.RetryInfo;
import com.google.rpc.Status;
import io.grpc.BindableService;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status.Code;
import io.grpc.StatusException;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.protobuf.StatusProto;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.sightline.security.ApiKeyPrincipal;
import io.sightline.security.ApiKeys;
import io.sightline.security.Scope;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * OTLP/gRPC trace ingest: {@code TraceService/Export} on Boot's gRPC server, answered as the OTLP
 * specification says. OK, with {@code partial_success} when spans were rejected or cut;
 * UNAUTHENTICATED without a valid {@code authorization: Bearer <key>} and PERMISSION_DENIED without
 * the ingest scope; INVALID_ARGUMENT (permanent) for a message that does not decode or data the
 * engine refuses; RESOURCE_EXHAUSTED (over capacity or quota) and UNAVAILABLE (storage) with a
 * {@code google.rpc.RetryInfo}, which is what makes exporters retry them. gzip is grpc-java's.
 *
 * <p>Admission as over HTTP: the key, the quota and a place among the requests in flight are
 * checked when the call starts, before its message is read; the message is then reserved at its
 * real size (grpc-java hands it over whole, after checking its framed length against {@code
 * max-body-bytes}) before it is decoded. The method takes the message as bytes, with the stubs'
 * own method name and schema, so a message that does not decode is INVALID_ARGUMENT with the
 * decoder's reason rather than grpc-java's INTERNAL. Everything else is the {@link IngestPipeline}'s.
 */
@Component
class OtlpGrpcService implements BindableService {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    /** The request message as it came, decoded by {@link OtlpDecoder} as over HTTP. */
    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            throw new UnsupportedOperationException("the server only reads requests");
        }

        @Override
        public byte[] parse(InputStream stream) {
            try (stream) {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private static final MethodDescriptor<byte[], ExportTraceServiceResponse> EXPORT =
            TraceServiceGrpc.getExportMethod().toBuilder(
                            BYTES, ProtoUtils.marshaller(ExportTraceServiceResponse.getDefaultInstance()))
                    .build();

    private final ApiKeys apiKeys;
    private final IngestPipeline pipeline;
    private final IngestAdmission admission;
    private final IngestMetrics metrics;

    OtlpGrpcService(ApiKeys apiKeys, IngestPipeline pipeline, IngestAdmission admission, IngestMetrics metrics) {
        this.apiKeys = apiKeys;
        this.pipeline = pipeline;
        this.admission = admission;
        this.metrics = metrics;
    }

    @Override
    public ServerServiceDefinition bindService() {
        ServiceDescriptor service = ServiceDescriptor.newBuilder(TraceServiceGrpc.SERVICE_NAME)
                .setSchemaDescriptor(TraceServiceGrpc.getServiceDescriptor().getSchemaDescriptor())
                .addMethod(EXPORT)
                .build();
        return ServerServiceDefinition.builder(service)
                .addMethod(EXPORT, this::start)
                .build();
    }

    /** Authenticates and admits a call before its message is read; refuses it at once otherwise. */
    private ServerCall.Listener<byte[]> start(ServerCall<byte[], ExportTraceServiceResponse> call, Metadata headers) {
        Optional<ApiKeyPrincipal> key = apiKeys.authenticateBearer(headers.get(AUTHORIZATION));
        if (key.isEmpty()) {
            return refuse(call, status(Code.UNAUTHENTICATED, "a valid API key is needed: authorization: Bearer <key>"));
        }
        if (!key.get().can(Scope.INGEST)) {
            return refuse(call, status(Code.PERMISSION_DENIED, "sending spans needs an API key with the ingest scope"));
        }
        // Counted from here, as over HTTP, where a request without a valid key never reaches ingest.
        IngestMetrics.Request metered = metrics.start(IngestMetrics.Transport.OTLP_GRPC);
        long project = key.get().projectId();
        IngestOutcome.Refused overQuota = pipeline.overQuota(project);
        if (overQuota != null) {
            metered.answered(overQuota);
            return refuse(call, status(overQuota));
        }
        IngestAdmission.Ticket ticket = admission.admit(IngestAdmission.FIRST_READ);
        if (ticket == null) {
            metered.answered(IngestAdmission.OVERLOADED);
            return refuse(call, status(IngestAdmission.OVERLOADED));
        }
        call.request(2); // a second message is a client's error, answered as such
        return new Export(call, ticket, project, metered);
    }

    /** One admitted call: holds its place until it is answered or cancelled. */
    private final class Export extends ServerCall.Listener<byte[]> {

        private final ServerCall<byte[], ExportTraceServiceResponse> call;
        private final IngestAdmission.Ticket ticket;
        private final long project;
        private final IngestMetrics.Request metered;
        private byte[] message;
        private boolean answered;

        Export(
                ServerCall<byte[], ExportTraceServiceResponse> call,
                IngestAdmission.Ticket ticket,
                long project,
                IngestMetrics.Request metered) {
            this.call = call;
            this.ticket = ticket;
            this.project = project;
            this.metered = metered;
        }

        @Override
        public void onMessage(byte[] received) {
            if (message != null) {
                malformed("Export takes one request message");
                return;
            }
            message = received;
        }

        @Override
        public void onHalfClose() {
            if (answered) {
                return;
            }
            if (message == null) {
                malformed("the call carried no request message");
                return;
            }
            if (!ticket.grow(message.length)) {
                metered.answered(IngestAdmission.OVERLOADED);
                close(status(IngestAdmission.OVERLOADED));
                return;
            }
            ExportTraceServiceRequest request;
            try {
                request = OtlpDecoder.protobuf(message);
            } catch (OtlpDecoder.MalformedBodyException e) {
                malformed(e.getMessage());
                return;
            }
            message = null;
            metered.decoded(request);
            IngestOutcome outcome = pipeline.export(request, project);
            metered.answered(outcome);
            switch (outcome) {
                case IngestOutcome.Accepted accepted -> {
                    call.sendHeaders(new Metadata());
                    call.sendMessage(accepted.response());
                    answered = true;
                    call.close(Code.OK.toStatus(), new Metadata());
                }
                case IngestOutcome.Refused refused -> close(status(refused));
            }
        }

        @Override
        public void onCancel() {
            ticket.close();
        }

        @Override
        public void onComplete() {
            ticket.close();
        }

        private void malformed(String message) {
            metered.badBody(HttpStatus.BAD_REQUEST);
            close(status(Code.INVALID_ARGUMENT, message));
        }

        private void close(StatusException status) {
            answered = true;
            call.close(status.getStatus(), status.getTrailers());
        }
    }

    private static ServerCall.Listener<byte[]> refuse(ServerCall<byte[], ?> call, StatusException status) {
        call.close(status.getStatus(), status.getTrailers());
        return new ServerCall.Listener<>() {};
    }

    /**
     * A refusal as OTLP/gRPC has it: INVALID_ARGUMENT when sending it again fails again; otherwise
     * RESOURCE_EXHAUSTED (slow down) or UNAVAILABLE (storage), with the wait in a {@code RetryInfo}.
     */
    static StatusException status(IngestOutcome.Refused refused) {
        IngestOutcome.Refusal refusal = refused.refusal();
        if (!refusal.retryable()) {
            return status(Code.INVALID_ARGUMENT, refused.message());
        }
        Code code = refusal.overloaded() ? Code.RESOURCE_EXHAUSTED : Code.UNAVAILABLE;
        return StatusProto.toStatusException(rpcStatus(code, refused.message())
                .addDetails(Any.pack(RetryInfo.newBuilder()
                        .setRetryDelay(Durations.fromMillis(refused.retryAfter().toMillis()))
                        .build()))
                .build());
    }

    private static StatusException status(Code code, String message) {
        return StatusProto.toStatusException(rpcStatus(code, message).build());
    }

    private static Status.Builder rpcStatus(Code code, String message) {
        return Status.newBuilder().setCode(code.value()).setMessage(message);
    }
}
