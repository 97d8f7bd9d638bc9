package io.sightline.security;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The metadata contract on the zero-setup default: H2 in PostgreSQL mode with the same migrations
 * (an in-memory database of its own, with the flags of the application's H2 URL).
 */
class EmbeddedMetadataTest extends MetadataContract {

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.datasource.url",
                () -> "jdbc:h2:mem:" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    }
}
