package io.sightline.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import org.apache.tomcat.util.http.CookieProcessor;
import org.apache.tomcat.util.http.MimeHeaders;
import org.apache.tomcat.util.http.ServerCookies;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Cookies (the session's) carry {@code Secure} whenever the request came over HTTPS: on a TLS port,
 * and behind a proxy that says so ({@code X-Forwarded-Proto} or {@code Forwarded}) under {@code
 * server.forward-headers-strategy}. Tomcat marks them itself on a TLS port and with the {@code
 * native} strategy; with {@code framework}, Spring's {@code ForwardedHeaderFilter} only wraps the
 * request, which Tomcat — writing the session cookie itself — never sees. So a filter right after
 * that one notes what the wrapped request says, and the cookie writer reads the note.
 */
@Configuration(proxyBeanMethods = false)
class SecureSessionCookie {

    static final String SECURE_REQUEST = SecureSessionCookie.class.getName() + ".secure";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> noteSecureRequests() {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (request.isSecure()) {
                    request.setAttribute(SECURE_REQUEST, Boolean.TRUE);
                }
                chain.doFilter(request, response);
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        // Spring Boot's ForwardedHeaderFilter runs first, at the highest precedence.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    TomcatContextCustomizer secureCookiesOnSecureRequests() {
        return context -> {
            CookieProcessor standard = context.getCookieProcessor();
            context.setCookieProcessor(new CookieProcessor() {
                @Override
                public void parseCookieHeader(MimeHeaders headers, ServerCookies serverCookies) {
                    standard.parseCookieHeader(headers, serverCookies);
                }

                @Override
                public String generateHeader(Cookie cookie, HttpServletRequest request) {
                    if (request != null && Boolean.TRUE.equals(request.getAttribute(SECURE_REQUEST))) {
                        cookie.setSecure(true);
                    }
                    return standard.generateHeader(cookie, request);
                }

                @Override
                public Charset getCharset() {
                    return standard.getCharset();
                }
            });
        };
    }
}
