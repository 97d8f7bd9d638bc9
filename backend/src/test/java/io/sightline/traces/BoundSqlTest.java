package io.sightline.traces;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BoundSqlTest {

    @Test
    void numberedPlaceholdersTakeTheirValues() {
        assertThat(BoundSql.of(Map.of(
                        "db.query.text", "SELECT * FROM orders WHERE id = $1 AND status = $2",
                        "db.query.parameter.0", "42",
                        "db.query.parameter.1", "it's paid")))
                .isEqualTo("SELECT * FROM orders WHERE id = 42 AND status = 'it''s paid'");
    }

    @Test
    void placeholdersTooLargeForAnIntAreLeftAsWrittenUnlessAValueWasRecordedForThem() {
        assertThat(BoundSql.of(Map.of(
                        "db.query.text", "SELECT $1, $99999999999, $0, $00, $184467440737095516160",
                        "db.query.parameter.0", "1")))
                .isEqualTo("SELECT 1, $99999999999, $0, $00, $184467440737095516160");
        assertThat(BoundSql.of(Map.of("db.query.text", "SELECT $99999999999", "db.query.parameter.99999999998", "far")))
                .isEqualTo("SELECT 'far'");
    }

    @Test
    void leadingZerosNameTheSameValue() {
        assertThat(BoundSql.of(Map.of("db.query.text", "SELECT $01", "db.query.parameter.0", "x")))
                .isEqualTo("SELECT 'x'");
    }

    @Test
    void theOlderStatementNameIsReadTooAndTheCurrentOneWins() {
        assertThat(BoundSql.of(Map.of("db.statement", "SELECT $1", "db.query.parameter.0", "7")))
                .isEqualTo("SELECT 7");
        assertThat(BoundSql.of(Map.of("db.statement", "SELECT old", "db.query.text", "SELECT new")))
                .isEqualTo("SELECT new");
        assertThat(BoundSql.of(Map.of("db.system", "postgresql"))).isNull();
    }
}
