package io.sightline.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A URL query string as the servlet container hands it to {@link Parameters#of}: for fuzz tests of parameter parsing. */
public final class QueryStrings {

    private QueryStrings() {}

    /**
     * {@code a=1&b=2&a=3} by name, in order, percent-decoded. A pair whose escapes are broken is
     * dropped, as Tomcat drops it.
     */
    public static Map<String, List<String>> parse(byte[] query) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (String pair : new String(query, StandardCharsets.UTF_8).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException brokenEscape) {
                // skipped, as the container skips it
            }
        }
        return parameters;
    }
}
