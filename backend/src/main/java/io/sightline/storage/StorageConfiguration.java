package io.sightline.storage;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Engine-independent storage wiring: the schema is migrated, and retention, fsync and the free-space
 * reserve set, before anything reads or writes.
 */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    @Bean
    SchemaMigrator schemaMigrator(ClickHouse clickHouse, StorageProperties properties) {
        SchemaLayout layout = SchemaLayout.of(properties);
        SchemaMigrator migrator = new SchemaMigrator(
                clickHouse, "classpath:db/clickhouse", layout.placeholders(properties.retentionDays()), layout);
        migrator.migrate();
        Retention.apply(clickHouse, layout, properties.retentionDays());
        // Durability alters the MergeTree-family tables, which in a cluster are the local ones.
        Durability.apply(clickHouse, properties.database(), layout.onCluster(), properties.fsync());
        FreeSpaceReserve.apply(
                clickHouse, layout, properties.minFreeDiskForInsert().toBytes());
        return migrator;
    }

    @Bean
    SpanTables spanTables(StorageProperties properties, SchemaMigrator migrated) {
        return new SpanTables(properties.database());
    }
}
