package io.sightline.web;

import io.sightline.storage.StorageUnavailableException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Pages whose read storage could not serve — stopped at a read limit, or the engine unavailable —
 * answer 503 with a readable page saying why and what to try, instead of a bare 500. JSON APIs get
 * the same answer as JSON from {@link ApiErrors}, which Spring consults first.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageErrors {

    @ExceptionHandler(StorageUnavailableException.class)
    ModelAndView storageUnavailable(StorageUnavailableException e, HttpServletResponse response) {
        response.setHeader(HttpHeaders.RETRY_AFTER, StorageErrors.RETRY_AFTER_SECONDS);
        ModelAndView page = new ModelAndView("error/unavailable", HttpStatus.SERVICE_UNAVAILABLE);
        page.addObject("message", StorageErrors.message(e));
        return page;
    }
}
