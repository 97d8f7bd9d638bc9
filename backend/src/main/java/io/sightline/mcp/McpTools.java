package io.sightline.mcp;

import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import io.sightline.storage.StorageUnavailableException;
import io.sightline.web.BadParameterException;
import io.sightline.web.StorageErrors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registry of tools: every {@link McpTool} bean, served by the HTTP server and the stdio server
 * alike. A call runs with the caller's authentication in the security context, so the features'
 * services scope it to the caller's project as they do for the JSON API, whatever thread the SDK
 * runs it on. Its answer is two text contents — the conclusion, then the data as JSON — and the
 * same data as structured content. Bad arguments, what the caller cannot read, and storage that
 * cannot serve the read come back as tool errors ({@code isError}) with the API's messages, and as
 * structured content {@code {"error", "parameter"}}, the API's error shape.
 */
@Component
class McpTools {

    private static final Logger log = LoggerFactory.getLogger(McpTools.class);

    private final List<McpTool> tools;
    private final JsonMapper json;

    McpTools(List<McpTool> tools, JsonMapper json) {
        this.tools = tools;
        this.json = json;
    }

    /** For the Streamable HTTP server: the caller is the authentication its request carried. */
    List<McpStatelessServerFeatures.SyncToolSpecification> stateless() {
        return tools.stream()
                .map(tool -> McpStatelessServerFeatures.SyncToolSpecification.builder()
                        .tool(tool.definition())
                        .callHandler((context, request) ->
                                call(tool, () -> (Authentication) context.get(McpConfiguration.CALLER), request))
                        .build())
                .toList();
    }

    /** For the stdio server: {@code caller} gives the authentication each call runs as. */
    List<McpServerFeatures.SyncToolSpecification> stateful(Supplier<Authentication> caller) {
        return tools.stream()
                .map(tool -> McpServerFeatures.SyncToolSpecification.builder()
                        .tool(tool.definition())
                        .callHandler((exchange, request) -> call(tool, caller, request))
                        .build())
                .toList();
    }

    McpSchema.CallToolResult call(McpTool tool, Supplier<Authentication> caller, McpSchema.CallToolRequest request) {
        SecurityContext previous = SecurityContextHolder.getContext();
        try {
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(caller.get());
            SecurityContextHolder.setContext(context);
            return answered(tool.answer(ToolArguments.of(request.arguments())));
        } catch (BadParameterException e) {
            return failed(e.getMessage(), e.parameter());
        } catch (ToolException e) {
            return failed(e.getMessage(), null);
        } catch (StorageUnavailableException e) {
            return failed(StorageErrors.message(e), null);
        } catch (RuntimeException e) {
            // As the API's 500: the caller learns that it failed, the log keeps why.
            log.error("MCP tool {} failed", tool.definition().name(), e);
            return failed("Sightline could not answer this call: an internal error, logged on the server", null);
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    private McpSchema.CallToolResult answered(McpTool.Answer answer) {
        return McpSchema.CallToolResult.builder()
                .addTextContent(answer.conclusion())
                .addTextContent(json.writeValueAsString(answer.data()))
                .structuredContent(json.convertValue(answer.data(), Map.class))
                .isError(false)
                .build();
    }

    private static McpSchema.CallToolResult failed(String message, String parameter) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("error", message);
        if (parameter != null) {
            error.put("parameter", parameter);
        }
        return McpSchema.CallToolResult.builder()
                .addTextContent(message)
                .structuredContent(error)
                .isError(true)
                .build();
    }
}
