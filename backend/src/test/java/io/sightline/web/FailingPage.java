package io.sightline.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * A page that fails with an unexpected exception, so tests can see the 500 page. It lives in the
 * test sources only: component scanning finds it in test runs, never in the application.
 */
@Controller
class FailingPage {

    static final String PATH = "/test/failing-page";

    @GetMapping(PATH)
    String fail() {
        throw new IllegalStateException("a failure only tests provoke");
    }
}
