package io.sightline.deploy;

import static io.sightline.deploy.DeployFiles.at;
import static io.sightline.deploy.DeployFiles.list;
import static io.sightline.deploy.DeployFiles.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The chart helm/sightline lints clean and renders, for each set of values, the manifests those
 * values ask for: parsed back as YAML and checked field by field.
 */
class HelmChartTest {

    private static final Path CHART = DeployFiles.ROOT.resolve("helm/sightline");

    /** Spring Boot's own properties, bound from the environment by relaxed binding. */
    private static final Set<String> SPRING_VARIABLES =
            Set.of("SERVER_PORT", "MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED");

    /** The OTLP/gRPC and Zipkin ports (issue 10, items 1 and 2), read once that ingest is merged. */
    private static final Set<String> INGEST_PORT_VARIABLES =
            Set.of("SIGHTLINE_OTLP_GRPC_PORT", "SIGHTLINE_ZIPKIN_PORT");

    private static final Map<String, Integer> PORTS =
            Map.of("http", 8080, "grpc-otlp", 4317, "http-otlp", 4318, "http-zipkin", 9411);

    @Test
    void theChartLintsCleanInStrictMode() {
        LintResult lint = new Helm(CHART).lint().strict().call();
        assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
    }

    @Test
    void theDefaultsRenderAServerModeDeploymentWithItsServiceConfigAndSecretOnly() {
        Map<String, Map<String, Object>> manifests = render(null);
        assertThat(manifests).containsOnlyKeys("ConfigMap", "Secret", "Service", "Deployment");
        assertThat(at(manifests.get("Deployment"), "spec", "replicas")).isEqualTo(1);
        assertThat(config(manifests))
                .contains(
                        entry("SIGHTLINE_STORAGE_MODE", "server"),
                        entry("CLICKHOUSE_URL", "http://clickhouse:8123"),
                        entry("SIGHTLINE_DATABASE_URL", "jdbc:postgresql://postgresql:5432/sightline"),
                        entry("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED", "true"))
                .doesNotContainKey("CLICKHOUSE_CLUSTER");
        assertThat(map(at(container(manifests), "resources", "limits"))).containsEntry("memory", "2Gi");
        assertThat(map(at(manifests.get("Deployment"), "spec", "template", "spec", "securityContext")))
                .containsEntry("runAsNonRoot", true)
                .containsEntry("runAsUser", 10001);
    }

    @Test
    void theProbesAskTheActuatorsLivenessAndReadinessGroupsOnTheHttpPort() {
        Map<String, Object> container = container(render(null));
        assertThat(at(container, "startupProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
        assertThat(at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
        assertThat(at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(at(container, probe, "httpGet", "port")).as(probe).isEqualTo("http");
        }
    }

    @Test
    void theServiceRoutesTheFourPortsToTheContainersPortsOfTheSameName() {
        Map<String, Map<String, Object>> manifests = render(null);
        Map<String, Integer> containerPorts = list(at(container(manifests), "ports")).stream()
                .collect(Collectors.toMap(
                        port -> (String) at(port, "name"), port -> (Integer) at(port, "containerPort")));
        assertThat(containerPorts).isEqualTo(PORTS);
        Map<String, Object> service = manifests.get("Service");
        assertThat(list(at(service, "spec", "ports")))
                .allSatisfy(port ->
                        assertThat(PORTS).containsEntry((String) at(port, "targetPort"), (Integer) at(port, "port")));
        assertThat(list(at(service, "spec", "ports"))).hasSize(4);
        assertThat(map(at(manifests.get("Deployment"), "spec", "template", "metadata", "labels")))
                .containsAllEntriesOf(map(at(service, "spec", "selector")));
    }

    @Test
    void everyVariableTheChartSetsIsOneSightlineReads() {
        for (String values : new String[] {null, "cluster.yaml", "existing-secret.yaml"}) {
            Map<String, Map<String, Object>> manifests = render(values);
            Set<String> variables = new HashSet<>(config(manifests).keySet());
            list(at(container(manifests), "env")).forEach(variable -> variables.add((String) at(variable, "name")));
            variables.removeAll(SPRING_VARIABLES);
            variables.removeAll(INGEST_PORT_VARIABLES);
            assertThat(variables).as("values %s", values).isSubsetOf(DeployFiles.settingVariables());
        }
    }

    @Test
    void ingressAutoscalerAndServiceMonitorAppearWhenAskedFor() {
        Map<String, Map<String, Object>> manifests = render("ingress-hpa-servicemonitor.yaml");
        assertThat(manifests).containsKeys("Ingress", "HorizontalPodAutoscaler", "ServiceMonitor");
        String service = (String) at(manifests.get("Service"), "metadata", "name");

        Map<String, Object> ingress = manifests.get("Ingress");
        assertThat(at(ingress, "spec", "ingressClassName")).isEqualTo("nginx");
        assertThat(at(ingress, "spec", "rules", 0, "host")).isEqualTo("traces.example.org");
        assertThat(map(at(ingress, "spec", "rules", 0, "http", "paths", 0, "backend", "service")))
                .isEqualTo(Map.of("name", service, "port", Map.of("name", "http")));
        assertThat(at(ingress, "spec", "tls", 0, "secretName")).isEqualTo("traces-tls");

        Map<String, Object> autoscaler = manifests.get("HorizontalPodAutoscaler");
        assertThat(map(at(autoscaler, "spec", "scaleTargetRef")))
                .containsEntry("kind", "Deployment")
                .containsEntry("name", at(manifests.get("Deployment"), "metadata", "name"));
        assertThat(map(at(autoscaler, "spec"))).containsEntry("minReplicas", 3).containsEntry("maxReplicas", 9);
        assertThat(at(autoscaler, "spec", "metrics", 0, "resource", "target", "averageUtilization"))
                .isEqualTo(65);
        // The autoscaler owns the replica count; a fixed one would fight it on every upgrade.
        assertThat(map(at(manifests.get("Deployment"), "spec"))).doesNotContainKey("replicas");

        Map<String, Object> monitor = manifests.get("ServiceMonitor");
        assertThat(map(at(monitor, "metadata", "labels"))).containsEntry("release", "prometheus");
        assertThat(map(at(manifests.get("Service"), "metadata", "labels")))
                .containsAllEntriesOf(map(at(monitor, "spec", "selector", "matchLabels")));
        Map<String, Object> endpoint = map(at(monitor, "spec", "endpoints", 0));
        assertThat(endpoint)
                .containsEntry("port", "http")
                .containsEntry("path", "/actuator/prometheus")
                .containsEntry("interval", "15s");
        // Prometheus sends the very token Sightline reads, both from the chart's Secret.
        Map<String, Object> secret = manifests.get("Secret");
        assertThat(at(endpoint, "authorization", "type")).isEqualTo("Bearer");
        assertThat(at(endpoint, "authorization", "credentials"))
                .isEqualTo(Map.of("name", at(secret, "metadata", "name"), "key", "metrics-scrape-token"));
        assertThat(map(at(secret, "stringData"))).containsEntry("metrics-scrape-token", "scrape-token-0123456789");
        assertThat(secretReferences(manifests).get("SIGHTLINE_METRICS_SCRAPE_TOKEN"))
                .containsEntry("name", at(secret, "metadata", "name"))
                .containsEntry("key", "metrics-scrape-token");
    }

    @Test
    void aServiceMonitorWithoutAScrapeTokenIsRefusedNamingTheValue() {
        TemplateCommand template = new Helm(CHART).template().withName("traces").set("serviceMonitor.enabled", "true");
        assertThatThrownBy(template::call).hasMessageContaining("serviceMonitor.enabled needs metrics.scrapeToken");
    }

    @Test
    void aServiceMonitorReadsTheScrapeTokenFromAnExistingSecret() {
        TemplateCommand template = new Helm(CHART)
                .template()
                .withName("traces")
                .withValuesFile(valuesPath("existing-secret.yaml"))
                .set("serviceMonitor.enabled", "true");
        Map<String, Object> monitor = DeployFiles.documents(template.call()).stream()
                .filter(manifest -> "ServiceMonitor".equals(manifest.get("kind")))
                .findFirst()
                .orElseThrow();
        assertThat(at(monitor, "spec", "endpoints", 0, "authorization", "credentials"))
                .isEqualTo(Map.of("name", "sightline-credentials", "key", "metrics-scrape-token"));
    }

    @Test
    void anExistingSecretReplacesTheChartsOwn() {
        Map<String, Map<String, Object>> manifests = render("existing-secret.yaml");
        assertThat(manifests).doesNotContainKey("Secret");
        assertThat(secretReferences(manifests))
                .isEqualTo(Map.of(
                        "SIGHTLINE_BOOTSTRAP_API_KEY",
                                Map.of("name", "sightline-credentials", "key", "api-key", "optional", true),
                        "SIGHTLINE_BOOTSTRAP_ADMIN_PASSWORD",
                                Map.of("name", "sightline-credentials", "key", "admin-password", "optional", true),
                        "CLICKHOUSE_PASSWORD",
                                Map.of("name", "sightline-credentials", "key", "ch-password", "optional", true),
                        "SIGHTLINE_DATABASE_PASSWORD",
                                Map.of("name", "sightline-credentials", "key", "pg-password", "optional", true),
                        "SIGHTLINE_METRICS_SCRAPE_TOKEN",
                                Map.of(
                                        "name",
                                        "sightline-credentials",
                                        "key",
                                        "metrics-scrape-token",
                                        "optional",
                                        true)));
    }

    @Test
    void aClusterNameRunsClusterModeAndEveryCredentialStaysInTheSecret() {
        Map<String, Map<String, Object>> manifests = render("cluster.yaml");
        Map<String, Object> config = config(manifests);
        assertThat(config)
                .contains(
                        entry("SIGHTLINE_STORAGE_MODE", "cluster"),
                        entry("CLICKHOUSE_CLUSTER", "traces"),
                        entry("CLICKHOUSE_INSERT_QUORUM", "2"),
                        entry("CLICKHOUSE_URL", "http://clickhouse-lb.db.svc:8123"),
                        entry("CLICKHOUSE_USER", "sightline"),
                        entry("SIGHTLINE_DATABASE_URL", "jdbc:postgresql://pg.db.svc:5432/sightline"),
                        entry("SIGHTLINE_DATABASE_USER", "sightline_app"),
                        entry("SIGHTLINE_READ_MAX_EXECUTION_TIME", "60s"));
        Map<String, Object> secret = manifests.get("Secret");
        Map<String, Object> secretValues = map(at(secret, "stringData"));
        assertThat(secretValues)
                .isEqualTo(Map.of(
                        "bootstrap-api-key", "sl_bootstrap_key_0123456789",
                        "bootstrap-admin-password", "admin-password-123",
                        "clickhouse-password", "ch-secret-123",
                        "database-password", "pg-secret-456",
                        "metrics-scrape-token", "scrape-token-0123456789"));
        assertThat(config.values()).doesNotContainAnyElementsOf(secretValues.values());
        // Each password reaches the variable Sightline reads it from, out of the chart's Secret.
        Map<String, Map<String, Object>> references = secretReferences(manifests);
        assertThat(references.get("CLICKHOUSE_PASSWORD"))
                .containsEntry("name", at(secret, "metadata", "name"))
                .containsEntry("key", "clickhouse-password");
        assertThat(references.get("SIGHTLINE_DATABASE_PASSWORD")).containsEntry("key", "database-password");
        assertThat(references.get("SIGHTLINE_BOOTSTRAP_API_KEY")).containsEntry("key", "bootstrap-api-key");
        assertThat(references.get("SIGHTLINE_BOOTSTRAP_ADMIN_PASSWORD"))
                .containsEntry("key", "bootstrap-admin-password");
        assertThat(references.get("SIGHTLINE_METRICS_SCRAPE_TOKEN")).containsEntry("key", "metrics-scrape-token");
        assertThat(map(at(container(manifests), "resources", "limits"))).containsEntry("memory", "8Gi");
    }

    @Test
    void aMissingClickHouseUrlIsRefusedNamingTheValue() {
        TemplateCommand template = new Helm(CHART).template().withName("traces").set("clickhouse.url", "");
        assertThatThrownBy(template::call).hasMessageContaining("clickhouse.url is required");
    }

    /** The chart rendered with a values file of this package's test resources (null: the defaults), by kind. */
    private static Map<String, Map<String, Object>> render(String valuesFile) {
        TemplateCommand template = new Helm(CHART).template().withName("traces").withNamespace("observability");
        if (valuesFile != null) {
            template.withValuesFile(valuesPath(valuesFile));
        }
        Map<String, Map<String, Object>> byKind = new HashMap<>();
        for (Map<String, Object> manifest : DeployFiles.documents(template.call())) {
            assertThat(byKind.put((String) manifest.get("kind"), manifest))
                    .as("one %s", manifest.get("kind"))
                    .isNull();
        }
        return byKind;
    }

    private static Path valuesPath(String valuesFile) {
        try {
            return Path.of(HelmChartTest.class.getResource(valuesFile).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> config(Map<String, Map<String, Object>> manifests) {
        return map(at(manifests.get("ConfigMap"), "data"));
    }

    private static Map<String, Object> container(Map<String, Map<String, Object>> manifests) {
        return map(at(manifests.get("Deployment"), "spec", "template", "spec", "containers", 0));
    }

    /** Each variable the container takes from a Secret, with that Secret's name and key. */
    private static Map<String, Map<String, Object>> secretReferences(Map<String, Map<String, Object>> manifests) {
        return list(at(container(manifests), "env")).stream()
                .collect(Collectors.toMap(
                        variable -> (String) at(variable, "name"),
                        variable -> map(at(variable, "valueFrom", "secretKeyRef"))));
    }
}
