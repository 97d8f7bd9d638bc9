package io.sightline.storage;

import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * An engine that passes every call to another: the base of decorators (timing, fault injection,
 * recording), which override only what they change.
 */
public abstract class ForwardingClickHouse implements ClickHouse {

    protected final ClickHouse engine;

    protected ForwardingClickHouse(ClickHouse engine) {
        this.engine = engine;
    }

    @Override
    public InputStream query(String sql, Map<String, ?> parameters, String format) {
        return engine.query(sql, parameters, format);
    }

    @Override
    public void command(String sql, Map<String, ?> parameters) {
        engine.command(sql, parameters);
    }

    @Override
    public void insert(String table, List<String> columns, byte[] rowBinary) {
        engine.insert(table, columns, rowBinary);
    }

    @Override
    public void insert(String table, List<String> columns, Collection<RowBinary> chunks) {
        engine.insert(table, columns, chunks);
    }

    @Override
    public String version() {
        return engine.version();
    }

    @Override
    public String engineName() {
        return engine.engineName();
    }

    @Override
    public void close() {
        engine.close();
    }
}
