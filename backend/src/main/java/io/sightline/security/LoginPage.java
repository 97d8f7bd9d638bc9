package io.sightline.security;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

/** The sign-in form; Spring Security handles the POST. */
@Controller
class LoginPage {

    private final SecurityProperties properties;

    LoginPage(SecurityProperties properties) {
        this.properties = properties;
    }

    @GetMapping("/login")
    ModelAndView login() {
        // Rounded up, so a lock of 90 s is said as 2 minutes, never as 1.
        long lockMinutes = (properties.login().lock().toSeconds() + 59) / 60;
        return new ModelAndView("security/login").addObject("lockMinutes", lockMinutes);
    }
}
