package io.sightline.mcp;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code sightline.mcp.*}: the stdio mode for local agents.
 *
 * @param stdio speak MCP over stdin/stdout as well as serving as usual ({@code SIGHTLINE_MCP_STDIO}):
 *     stdout then carries JSON-RPC messages only, everything else goes to stderr
 * @param apiKey the API key (with the read scope) whose project the stdio server reads
 *     ({@code SIGHTLINE_MCP_API_KEY}); required with {@code stdio}
 */
@ConfigurationProperties("sightline.mcp")
record McpProperties(boolean stdio, String apiKey) {}
