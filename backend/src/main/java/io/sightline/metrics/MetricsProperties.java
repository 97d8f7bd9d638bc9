package io.sightline.metrics;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sightline.metrics.*}: who may scrape {@code /actuator/prometheus} besides signed-in admins,
 * and how fresh the ClickHouse table gauges are.
 *
 * @param scrapeToken the Bearer token Prometheus sends ({@code SIGHTLINE_METRICS_SCRAPE_TOKEN});
 *     empty: only admins may read the metrics
 * @param tableRefresh how often the part counts and sizes of the span tables are read from
 *     {@code system.parts}; scrapes read the last values, never the engine
 */
@Validated
@ConfigurationProperties("sightline.metrics")
public record MetricsProperties(
        String scrapeToken,
        @NotNull @DurationMin(seconds = 1) Duration tableRefresh) {

    public MetricsProperties {
        scrapeToken = scrapeToken == null || scrapeToken.isBlank() ? null : scrapeToken.strip();
        if (scrapeToken != null && scrapeToken.length() < 16) {
            throw new IllegalArgumentException("SIGHTLINE_METRICS_SCRAPE_TOKEN must be at least 16 characters");
        }
        tableRefresh = tableRefresh == null ? Duration.ofSeconds(30) : tableRefresh;
    }
}
