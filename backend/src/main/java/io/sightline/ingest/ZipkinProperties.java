package io.sightline.ingest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sightline.zipkin.*}: Zipkin v2 ingest ({@code POST /api/v2/spans}, served on the main port
 * too), which otherwise shares {@code sightline.ingest.*}.
 *
 * @param port second port serving only {@code POST /api/v2/spans}, Zipkin's 9411 by default; 0 picks
 *     a free one, -1 turns it off
 */
@Validated
@ConfigurationProperties("sightline.zipkin")
public record ZipkinProperties(@Min(-1) @Max(65_535) int port) {}
