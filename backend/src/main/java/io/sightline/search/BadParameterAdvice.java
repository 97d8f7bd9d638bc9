package io.sightline.search;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every JSON API answers an unusable parameter the same way: 400 with the message and the
 * parameter's name. Pages catch {@link BadSearchException} themselves and show the message.
 */
@RestControllerAdvice(annotations = RestController.class)
class BadParameterAdvice {

    @ExceptionHandler(BadSearchException.class)
    ResponseEntity<Map<String, String>> badRequest(BadSearchException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage(), "parameter", e.parameter()));
    }
}
