package io.sightline.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.Yaml;

/** The repository's deployment files, read as YAML, and the environment variables Sightline reads. */
final class DeployFiles {

    /** Tests run in backend/; the deployment files sit at the repository's root. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

    private DeployFiles() {}

    static String read(String relativePath) {
        try {
            return Files.readString(ROOT.resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every non-empty YAML document in the text, in order (a rendered chart holds many). */
    static List<Map<String, Object>> documents(String yaml) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(yaml)) {
            if (document != null) {
                documents.add(map(document));
            }
        }
        return documents;
    }

    /** The environment variables application.yml reads, as its ${NAME:default} placeholders name them. */
    static Set<String> settingVariables() {
        return PLACEHOLDER
                .matcher(read("backend/src/main/resources/application.yml"))
                .results()
                .map(match -> match.group(1))
                .collect(Collectors.toSet());
    }

    /** The value under the keys, each a map key, or an index into a list. */
    static Object at(Object node, Object... keys) {
        Object current = node;
        for (Object key : keys) {
            current = key instanceof Integer index
                    ? ((List<?>) current).get(index)
                    : map(current).get(key);
            Objects.requireNonNull(current, () -> "nothing at " + List.of(keys) + " in " + node);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node) {
        return (List<Object>) node;
    }
}
