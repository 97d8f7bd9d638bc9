package io.sightline.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.sightline.security.ApiKeyAuthentication;
import io.sightline.security.ApiKeyPrincipal;
import io.sightline.security.ApiKeys;
import io.sightline.security.Scope;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The stdio mode for local agents ({@code sightline.mcp.stdio=true}): once the application is ready,
 * the same tools as {@code /mcp} are served over stdin/stdout (newline-delimited JSON-RPC; see
 * {@link StdioConsole} for what keeps stdout clean), as the project of {@code sightline.mcp.api-key}.
 * The key is checked at start (the application stops if it is unknown, revoked or lacks the read
 * scope) and again on every call, so revoking it ends its access within the key cache's 30 s. The
 * web server keeps running, so local services can send their spans to the same process. When the
 * agent closes stdin the application shuts down.
 */
@Component
@ConditionalOnBooleanProperty(StdioConsole.PROPERTY)
class McpStdio {

    private static final Logger log = LoggerFactory.getLogger(McpStdio.class);

    private final McpProperties properties;
    private final ApiKeys apiKeys;
    private final McpTools tools;
    private final ConfigurableApplicationContext context;
    private volatile McpSyncServer server;

    McpStdio(McpProperties properties, ApiKeys apiKeys, McpTools tools, ConfigurableApplicationContext context) {
        this.properties = properties;
        this.apiKeys = apiKeys;
        this.tools = tools;
        this.context = context;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        ApiKeyPrincipal key = key();
        if (key == null) {
            log.error("MCP stdio mode needs an API key with the read scope of its project: set SIGHTLINE_MCP_API_KEY"
                    + " (sightline.mcp.api-key); stopping");
            exit(2);
            return;
        }
        var transport = new StdioServerTransportProvider(
                McpJsonDefaults.getMapper(), new EndOfInput(System.in, () -> exit(0)), StdioConsole.stdout());
        server = McpServer.sync(transport)
                .serverInfo(McpConfiguration.serverInfo())
                .instructions(McpConfiguration.INSTRUCTIONS)
                .capabilities(
                        McpSchema.ServerCapabilities.builder().tools(false).build())
                .validateToolInputs(false)
                .tools(tools.stateful(this::caller))
                .build();
        log.info("MCP server speaking over stdio for project {}", key.projectId());
    }

    private Authentication caller() {
        ApiKeyPrincipal key = key();
        if (key == null) {
            throw new ToolException("the API key given by SIGHTLINE_MCP_API_KEY is unknown, revoked or cannot read");
        }
        return new ApiKeyAuthentication(key);
    }

    private ApiKeyPrincipal key() {
        String secret = properties.apiKey();
        if (secret == null || secret.isBlank()) {
            return null;
        }
        return apiKeys.authenticate(secret.strip())
                .filter(key -> key.can(Scope.READ))
                .orElse(null);
    }

    // Off the caller's thread: closing the context from the stdio reader would wait for itself.
    private void exit(int status) {
        Thread.ofPlatform().name("mcp-stdio-exit").start(() -> {
            if (server != null) {
                server.closeGracefully();
            }
            System.exit(SpringApplication.exit(context, () -> status));
        });
    }

    /** Stdin that runs {@code atEnd} once, when the agent has closed it. */
    private static final class EndOfInput extends FilterInputStream {

        private final Runnable atEnd;
        private final AtomicBoolean ended = new AtomicBoolean();

        EndOfInput(InputStream in, Runnable atEnd) {
            super(in);
            this.atEnd = atEnd;
        }

        @Override
        public int read() throws IOException {
            return ended(super.read());
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return ended(super.read(buffer, offset, length));
        }

        private int ended(int read) {
            if (read < 0 && ended.compareAndSet(false, true)) {
                atEnd.run();
            }
            return read;
        }
    }
}
