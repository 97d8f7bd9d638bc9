package io.sightline.web;

import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The address people reach this server at ({@code sightline.public-url}), for absolute links in what
 * leaves the server (an alert's trace links). Unset, it is {@code http://localhost:<port>} with the
 * port the web server listens on, which is right only on the machine itself: set it behind a proxy.
 */
@Component
public class PublicUrl {

    private final String configured;
    private volatile String derived = "http://localhost:8080";

    PublicUrl(@Value("${sightline.public-url:}") String configured) {
        this.configured = configured == null || configured.isBlank() ? null : checked(configured.strip());
    }

    /** The base, without a trailing slash. */
    public String base() {
        return configured != null ? configured : derived;
    }

    /** {@code path} (starting with {@code /}, already encoded) on this server. */
    public String of(String path) {
        return base() + path;
    }

    @EventListener
    void listening(WebServerInitializedEvent event) {
        // The management server, when on a port of its own, has a namespace; the application's has none.
        if (event.getApplicationContext().getServerNamespace() == null) {
            derived = "http://localhost:" + event.getWebServer().getPort();
        }
    }

    static String checked(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (uri.getHost() == null
                    || scheme == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getQuery() != null
                    || uri.getFragment() != null) {
                throw new IllegalArgumentException();
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "sightline.public-url must be an absolute http or https URL without query, such as https://sightline.example.com; got "
                            + url);
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
