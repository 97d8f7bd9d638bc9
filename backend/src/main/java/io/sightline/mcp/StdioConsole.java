package io.sightline.mcp;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * In stdio mode ({@code sightline.mcp.stdio=true}) stdout belongs to MCP alone: before the banner
 * and the logging system start, {@code System.out} is pointed at stderr, so the banner (turned off
 * too), every log line and anything else printed go there, and only {@link #stdout()} — the process's
 * real standard output, opened from its file descriptor — carries the JSON-RPC messages.
 */
class StdioConsole implements EnvironmentPostProcessor {

    static final String PROPERTY = "sightline.mcp.stdio";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getProperty(PROPERTY, Boolean.class, false)) {
            System.setOut(System.err);
            environment
                    .getPropertySources()
                    .addFirst(new MapPropertySource("mcpStdio", Map.of("spring.main.banner-mode", "off")));
        }
    }

    /** The process's standard output, whatever {@code System.out} now is. */
    static OutputStream stdout() {
        return new FileOutputStream(FileDescriptor.out);
    }
}
