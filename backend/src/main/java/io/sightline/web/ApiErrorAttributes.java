package io.sightline.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * The error body of what never reaches a controller (an unsupported method or media type, an
 * unknown path, a refused request): under {@code /api/v1/} it is the same {@code {"error": "..."}}
 * as {@link ApiErrors} gives, with the status Spring chose. Elsewhere Spring Boot's default stays:
 * pages show its error page, OTLP and Jaeger clients their own protocols' answers.
 */
@Component
class ApiErrorAttributes extends DefaultErrorAttributes {

    static final String API = "/api/v1/";

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Object path = request.getAttribute("jakarta.servlet.error.request_uri", RequestAttributes.SCOPE_REQUEST);
        if (!(path instanceof String uri) || !uri.startsWith(API)) {
            return super.getErrorAttributes(request, options);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message(request));
        return body;
    }

    private String message(WebRequest request) {
        if (getError(request) instanceof ErrorResponse error && error.getBody().getDetail() != null) {
            return error.getBody().getDetail();
        }
        Object status = request.getAttribute("jakarta.servlet.error.status_code", RequestAttributes.SCOPE_REQUEST);
        HttpStatus resolved = status instanceof Integer code ? HttpStatus.resolve(code) : null;
        return resolved == null ? "the request failed" : resolved.getReasonPhrase();
    }
}
