package io.sightline.bench;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name=value} arguments with defaults; an unknown name is an error, so typos do not go unnoticed. */
final class BenchArgs {

    private final Map<String, String> values = new HashMap<>();

    BenchArgs(String[] args, Set<String> known) {
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            String name = arg.substring(2, arg.indexOf('='));
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; known: " + known);
            }
            values.put(name, arg.substring(arg.indexOf('=') + 1));
        }
    }

    String text(String name, String fallback) {
        String value = values.get(name);
        if (value == null) {
            value = System.getenv("BENCH_" + name.toUpperCase().replace('-', '_'));
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    int integer(String name, int fallback) {
        return Integer.parseInt(text(name, Integer.toString(fallback)).replace("_", ""));
    }

    /** {@code 60s}, {@code 500ms}, {@code 5m}, {@code 24h}, or plain seconds. */
    Duration duration(String name, Duration fallback) {
        String text = text(name, "");
        if (text.isBlank()) {
            return fallback;
        }
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        long amount = Long.parseLong(text.replaceAll("[smh]$", ""));
        return switch (text.charAt(text.length() - 1)) {
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    /** The instance's base URL, without a trailing slash. */
    URI baseUrl() {
        String url = text("url", "http://localhost:8080");
        return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    /** The API key: --key, else BENCH_KEY, else SIGHTLINE_BOOTSTRAP_API_KEY. */
    String key() {
        String key = text("key", System.getenv("SIGHTLINE_BOOTSTRAP_API_KEY"));
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException(
                    "an API key is needed: --key=sl_… (or BENCH_KEY / SIGHTLINE_BOOTSTRAP_API_KEY)");
        }
        return key;
    }
}
