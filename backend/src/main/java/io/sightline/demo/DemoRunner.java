package io.sightline.demo;

import io.sightline.security.ApiKeys;
import io.sightline.security.IssuedKey;
import io.sightline.security.Projects;
import io.sightline.security.Scope;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * {@code --sightline.demo=true} (or {@code SIGHTLINE_DEMO=true}): once the server is up, sends the
 * five stories through its own OTLP endpoint with a short-lived ingest key of the default project,
 * then revokes the key. Each start loads a fresh set, anchored to the current time.
 */
@Component
@ConditionalOnProperty(name = "sightline.demo", havingValue = "true")
class DemoRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoRunner.class);

    private final Projects projects;
    private final ApiKeys apiKeys;

    DemoRunner(Projects projects, ApiKeys apiKeys) {
        this.projects = projects;
        this.apiKeys = apiKeys;
    }

    @EventListener
    void load(ApplicationReadyEvent ready) throws InterruptedException {
        int port = ((WebServerApplicationContext) ready.getApplicationContext())
                .getWebServer()
                .getPort();
        IssuedKey key = apiKeys.issue(projects.defaultProjectId(), "demo loader", EnumSet.of(Scope.INGEST));
        try {
            // A new seed each start: the same trace IDs sent again would merge two loads into one trace.
            StoryTraces.Stories stories = StoryTraces.generate(new SecureRandom().nextLong(), Instant.now());
            long acknowledged =
                    new DemoLoader(URI.create("http://localhost:" + port), key.secret()).send(stories.resourceSpans());
            log.info(
                    """
                    Demo data loaded: {} spans. Open
                      story 1, a slow checkout:           http://localhost:{}/traces/{}
                      story 2, N+1 after deploy 1.5.0:    http://localhost:{}/traces/{}
                      story 3, async failure in staging:  http://localhost:{}/traces/{}
                      story 4, user-4711's failed order:  http://localhost:{}/traces/{}""",
                    acknowledged,
                    port,
                    stories.slowCheckout(),
                    port,
                    stories.productsAfter(),
                    port,
                    stories.stagingFailure(),
                    port,
                    stories.failingUserRequest());
        } catch (DemoLoader.DemoLoadException e) {
            log.error("Demo data could not be loaded: {}", e.getMessage());
        } finally {
            apiKeys.revoke(key.id());
        }
    }
}
