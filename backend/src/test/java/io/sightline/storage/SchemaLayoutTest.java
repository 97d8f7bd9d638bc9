package io.sightline.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The cluster rendering of statements it was not written for is refused with the reason, never guessed. */
class SchemaLayoutTest {

    private final SchemaLayout cluster = new SchemaLayout("db", "c1");

    @Test
    void oneNodeRunsEachStatementAsWritten() {
        String sql = "-- a comment\nALTER TABLE db.spans ADD COLUMN x UInt8";
        assertThat(new SchemaLayout("db", null).render(sql)).containsExactly(sql);
    }

    @Test
    void aStatementKindWithoutAClusterRenderingIsRefused() {
        assertThatThrownBy(() -> cluster.render("ALTER TABLE db.spans ON CLUSTER 'c1' ADD COLUMN x UInt8"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cluster mode has no rendering for this migration statement")
                .hasMessageContaining("ALTER TABLE db.spans");
    }

    @Test
    void aTableWithoutAReplicatedEngineIsRefused() {
        assertThatThrownBy(() -> cluster.render(
                        "CREATE TABLE IF NOT EXISTS db.t ON CLUSTER 'c1' (n UInt8) ENGINE = MergeTree ORDER BY n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("in a cluster t needs a replicated engine");
    }

    @Test
    void aViewWithoutATargetTableIsRefused() {
        assertThatThrownBy(
                        () -> cluster.render(
                                "CREATE MATERIALIZED VIEW db.v ON CLUSTER 'c1' ENGINE = MergeTree ORDER BY n AS SELECT n FROM db.t"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cluster mode has no rendering");
    }

    @Test
    void aTableIsRenderedAsItsLocalTableAndADistributedTableOverIt() {
        assertThat(cluster.render("-- spans\nCREATE TABLE IF NOT EXISTS db.spans ON CLUSTER 'c1' (trace_id String)"
                        + " ENGINE = ReplicatedMergeTree ORDER BY trace_id"))
                .containsExactly(
                        "CREATE TABLE IF NOT EXISTS db.spans_local ON CLUSTER 'c1' (trace_id String)"
                                + " ENGINE = ReplicatedMergeTree ORDER BY trace_id",
                        "CREATE TABLE IF NOT EXISTS db.spans ON CLUSTER 'c1' AS db.spans_local"
                                + " ENGINE = Distributed('c1', 'db', 'spans_local', cityHash64(trace_id))");
    }

    @Test
    void aCodecChangeIsRenderedOnTheLocalTableOnly() {
        assertThat(
                        cluster.render(
                                "-- codecs\nALTER TABLE db.spans ON CLUSTER 'c1'\n"
                                        + "    MODIFY COLUMN attributes CODEC(ZSTD(3)),\n    MODIFY COLUMN duration_ns CODEC(T64, ZSTD(3))"))
                .containsExactly("ALTER TABLE db.spans_local ON CLUSTER 'c1' MODIFY COLUMN attributes CODEC(ZSTD(3)),\n"
                        + "    MODIFY COLUMN duration_ns CODEC(T64, ZSTD(3))");
    }

    @Test
    void aMergeTreeSettingIsRenderedOnTheLocalTableOnly() {
        assertThat(cluster.render(
                        "-- merges\nALTER TABLE db.spans ON CLUSTER 'c1'\n    MODIFY SETTING merge_selector_base = 10"))
                .containsExactly("ALTER TABLE db.spans_local ON CLUSTER 'c1' MODIFY SETTING merge_selector_base = 10");
    }

    @Test
    void anAlterThatChangesMoreThanCodecsIsRefused() {
        assertThatThrownBy(() -> cluster.render("ALTER TABLE db.spans ON CLUSTER 'c1' MODIFY COLUMN attributes"
                        + " CODEC(ZSTD(3)), ADD COLUMN x UInt8"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cluster mode has no rendering");
    }

    @Test
    void aClusterNameThatIsMissingOrUnquotableIsRefused() {
        assertThatThrownBy(() -> new SchemaLayout("db", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cluster mode needs the cluster's name from remote_servers");
        assertThatThrownBy(() -> new SchemaLayout("db", "c' OR 1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not 'c' OR 1'");
    }
}
