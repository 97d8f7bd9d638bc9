package io.sightline.mcp;

import io.modelcontextprotocol.spec.McpSchema;

/**
 * One tool of the MCP server: its name, description and JSON-schema'd arguments, and its answer.
 * Every {@code McpTool} bean is served by {@link McpTools} over Streamable HTTP and stdio alike, so a
 * new tool is one more class in this package. A tool runs as the caller (the key's project, through
 * {@code security.ProjectAccess} in the services it calls) and calls feature services only.
 */
interface McpTool {

    /**
     * The annotations of a tool that only reads (every tool so far): no side effects, the same call
     * answers alike until new spans arrive, and it reaches nothing beyond Sightline's own data.
     */
    McpSchema.ToolAnnotations READS = new McpSchema.ToolAnnotations(null, true, false, true, false, null);

    /** The name, description and input schema listed by {@code tools/list}. */
    McpSchema.Tool definition();

    /**
     * The answer to one call. Throws {@link io.sightline.web.BadParameterException} for an argument
     * that cannot be used and {@link ToolException} for what the arguments name but the caller cannot
     * read (such as a trace outside their project): both become MCP tool errors with their message.
     */
    Answer answer(ToolArguments arguments);

    /**
     * A tool's answer: the conclusion in plain sentences, read first, and the data it was drawn from
     * (a record, serialised as the JSON API serialises it).
     */
    record Answer(String conclusion, Object data) {}
}
