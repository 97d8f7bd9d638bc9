package io.sightline.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The MCP server over Streamable HTTP at {@value #ENDPOINT}, in the SDK's stateless mode: every
 * request is a JSON-RPC message answered in its own response, no session is kept and no stream
 * stays open, so any replica answers any request and no session affinity is needed. The servlet sits
 * behind Spring Security's filter chain like every other path ({@code security.SecurityConfiguration}:
 * a Bearer API key with the read scope, CSRF-exempt); the request's authentication is handed to the
 * tools through the transport context ({@link #CALLER}), so {@link McpTools} runs each call as the
 * key whatever thread the SDK picks.
 */
@Configuration(proxyBeanMethods = false)
class McpConfiguration {

    static final String ENDPOINT = "/mcp";

    /** The transport context's entry holding the request's {@link Authentication}. */
    static final String CALLER = "sightline.caller";

    // A call's arguments are a few short strings; a megabyte is far beyond any of them.
    private static final int MAX_REQUEST_BYTES = 1 << 20;

    static final String INSTRUCTIONS = "Sightline answers questions about the traces of one project (the API"
            + " key's): services and endpoints, request search, a trace's diagnosis, an endpoint's latency and what"
            + " sets its slow requests apart, and what a deploy changed. Every tool answers with a written"
            + " conclusion first, then the data as JSON. Windows are from/to (ISO-8601 or epoch milliseconds) or"
            + " range (15m, 1h, 7d).";

    @Bean
    HttpServletStatelessServerTransport mcpTransport() {
        return HttpServletStatelessServerTransport.builder()
                .jsonMapper(McpJsonDefaults.getMapper())
                .messageEndpoint(ENDPOINT)
                .contextExtractor(request -> McpTransportContext.create(caller()))
                .maxRequestSize(MAX_REQUEST_BYTES)
                // No Origin check (the SDK's DNS-rebinding guard): every call needs a Bearer key, which a
                // page on another origin can neither read nor make a browser send.
                .build();
    }

    @Bean
    McpStatelessSyncServer mcpServer(HttpServletStatelessServerTransport transport, McpTools tools) {
        return McpServer.sync(transport)
                .serverInfo(serverInfo())
                .instructions(INSTRUCTIONS)
                .capabilities(
                        McpSchema.ServerCapabilities.builder().tools(false).build())
                // The tools check their arguments with the API's parsers, for the API's messages.
                .validateToolInputs(false)
                .immediateExecution(true)
                .tools(tools.stateless())
                .build();
    }

    /** Registered once the server has given the transport its handler (hence the server parameter). */
    @Bean
    ServletRegistrationBean<HttpServletStatelessServerTransport> mcpServlet(
            HttpServletStatelessServerTransport transport, McpStatelessSyncServer server) {
        ServletRegistrationBean<HttpServletStatelessServerTransport> registration =
                new ServletRegistrationBean<>(transport, ENDPOINT);
        registration.setName("mcp");
        registration.setAsyncSupported(true);
        return registration;
    }

    static McpSchema.Implementation serverInfo() {
        String version = McpConfiguration.class.getPackage().getImplementationVersion();
        return new McpSchema.Implementation("sightline", "Sightline", version == null ? "dev" : version);
    }

    private static Map<String, Object> caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? Map.of() : Map.of(CALLER, authentication);
    }
}
