package io.sightline.span;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.IntegrationTest;
import io.sightline.storage.ClickHouse;
import io.sightline.storage.JsonRows;
import io.sightline.storage.SpanTables;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The column registry and the migrated {@code spans} table agree: same names, same types, same order. */
class SpanColumnIT extends IntegrationTest {

    @Autowired
    ClickHouse clickHouse;

    @Autowired
    SpanTables tables;

    @Test
    void theRegistryListsTheSpansTablesColumnsInOrderWithTheirTypes() {
        List<String> table = JsonRows.read(clickHouse, """
                        SELECT name, type FROM system.columns
                        WHERE database = {database:String} AND table = 'spans'
                        ORDER BY position""", Map.of("database", tables.database())).stream()
                .map(row -> row.get("name").asString() + " " + row.get("type").asString())
                .toList();

        List<String> registry = Arrays.stream(SpanColumn.values())
                .map(column -> column.column() + " " + column.type())
                .toList();

        assertThat(registry).containsExactlyElementsOf(table);
        assertThat(SpanColumn.NAMES)
                .containsExactlyElementsOf(
                        table.stream().map(column -> column.split(" ")[0]).toList());
    }
}
