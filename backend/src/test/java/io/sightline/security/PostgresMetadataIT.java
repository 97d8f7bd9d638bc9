package io.sightline.security;

import io.sightline.TestPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The metadata contract on the real PostgreSQL server, in a database of its own. */
class PostgresMetadataIT extends MetadataContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = TestPostgres.createDatabase("metadata");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> TestPostgres.USER);
        registry.add("spring.datasource.password", () -> "");
    }
}
