package io.sightline.storage;

import java.util.Map;
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
        boolean cluster = properties.mode() == StorageProperties.Mode.CLUSTER;
        String onCluster = cluster ? "ON CLUSTER '" + properties.server().cluster() + "'" : "";
        SchemaMigrator migrator = new SchemaMigrator(
                clickHouse,
                "classpath:db/clickhouse",
                Map.of(
                        "database",
                        properties.database(),
                        "on_cluster",
                        onCluster,
                        "merge_tree",
                        cluster ? "ReplicatedMergeTree" : "MergeTree",
                        "replicated",
                        cluster ? "Replicated" : "",
                        "ttl_days",
                        Integer.toString(properties.retentionDays())));
        migrator.migrate();
        Retention.apply(clickHouse, properties.database(), onCluster, properties.retentionDays());
        Durability.apply(clickHouse, properties.database(), onCluster, properties.fsync());
        FreeSpaceReserve.apply(
                clickHouse,
                properties.database(),
                onCluster,
                properties.minFreeDiskForInsert().toBytes());
        return migrator;
    }

    @Bean
    SpanTables spanTables(StorageProperties properties, SchemaMigrator migrated) {
        return new SpanTables(properties.database());
    }
}
