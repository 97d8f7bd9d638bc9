package io.sightline.web;

import io.sightline.storage.StorageUnavailableException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Every JSON API answers a bad request the same way: its status and {@code {"error": "...",
 * "parameter": "..."}} ({@code parameter} only when one parameter is to blame) — for our own
 * checks ({@link BadParameterException}), an unreadable JSON body, a missing or mistyped
 * parameter. A read the engine stopped at a read limit, or storage that cannot take work now,
 * answers 503 with {@code Retry-After} and the same shape ({@link StorageErrors}). What Spring
 * rejects before a controller runs (method, media type) gets the same shape from
 * {@link ApiErrorAttributes}. Pages catch {@link BadParameterException} themselves and show the
 * same message; {@link PageErrors} turns the storage failures into an error page.
 *
 * <p>Controllers that speak another protocol's error shape answer their errors themselves, and
 * Spring prefers a controller's own {@code @ExceptionHandler} to this advice: the Jaeger API keeps
 * Jaeger's envelope, OTLP ingest {@code google.rpc.Status}.
 */
@RestControllerAdvice(annotations = RestController.class)
// Before PageErrors, whose @Controller filter matches @RestController classes too.
@Order(Ordered.LOWEST_PRECEDENCE - 1)
class ApiErrors {

    @ExceptionHandler(BadParameterException.class)
    ResponseEntity<Map<String, String>> badParameter(BadParameterException e) {
        return body(HttpStatusCode.valueOf(400), e.getMessage(), e.parameter());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
        return body(HttpStatusCode.valueOf(400), "the body is not JSON of the expected shape", null);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, String>> missing(MissingServletRequestParameterException e) {
        return body(HttpStatusCode.valueOf(400), "'" + e.getParameterName() + "' is required", e.getParameterName());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, String>> mistyped(MethodArgumentTypeMismatchException e) {
        String type = e.getRequiredType() == null
                ? "value"
                : e.getRequiredType().getSimpleName().toLowerCase(Locale.ROOT);
        return body(HttpStatusCode.valueOf(400), "'" + e.getName() + "' must be a " + type, e.getName());
    }

    @ExceptionHandler(StorageUnavailableException.class)
    ResponseEntity<Map<String, String>> storageUnavailable(StorageUnavailableException e) {
        ResponseEntity<Map<String, String>> answer = body(HttpStatusCode.valueOf(503), StorageErrors.message(e), null);
        return ResponseEntity.status(answer.getStatusCode())
                .header(HttpHeaders.RETRY_AFTER, StorageErrors.RETRY_AFTER_SECONDS)
                .body(answer.getBody());
    }

    private static ResponseEntity<Map<String, String>> body(HttpStatusCode status, String message, String parameter) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", message);
        if (parameter != null) {
            body.put("parameter", parameter);
        }
        return ResponseEntity.status(status).body(body);
    }
}
