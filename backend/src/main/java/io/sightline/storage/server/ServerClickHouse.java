package io.sightline.storage.server;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ConnectionInitiationException;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import io.sightline.storage.ClickHouse;
import io.sightline.storage.ClickHouseException;
import io.sightline.storage.QueryParameters;
import io.sightline.storage.StorageUnavailableException;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A ClickHouse server (or a cluster's load balancer) over HTTP through ClickHouse's official Java
 * client. Parameters are sent in the same text form the embedded engine gets and bound by the
 * server; results stream in the requested raw format.
 *
 * <p>Reads and writes go through two clients with their own connection pools, so reads holding
 * every read connection never delay an insert. Every read carries the read settings, every insert
 * the insert settings (such as {@code async_insert=0}), as settings of the HTTP request.
 */
public final class ServerClickHouse implements ClickHouse {

    private static final long TIMEOUT_SECONDS = 300;

    private final Client reads;
    private final Client writes;

    /**
     * @param readSettings ClickHouse settings of every read ({@link #query})
     * @param insertSettings ClickHouse settings of every insert
     */
    public ServerClickHouse(
            String url,
            String username,
            String password,
            int readConnections,
            int writeConnections,
            Map<String, String> readSettings,
            Map<String, String> insertSettings) {
        this.reads = client(url, username, password, readConnections, readSettings);
        this.writes = client(url, username, password, writeConnections, insertSettings);
    }

    private static Client client(
            String url, String username, String password, int connections, Map<String, String> settings) {
        Client.Builder builder = new Client.Builder()
                .addEndpoint(url)
                .setUsername(username)
                .setPassword(password == null ? "" : password)
                .setConnectTimeout(5_000)
                .setSocketTimeout(TIMEOUT_SECONDS * 1_000)
                .setMaxConnections(connections)
                .serverSetting("session_timezone", "UTC");
        settings.forEach(builder::serverSetting);
        return builder.build();
    }

    @Override
    public InputStream query(String sql, Map<String, ?> parameters, String format) {
        QuerySettings settings = new QuerySettings().setFormat(ClickHouseFormat.valueOf(format));
        QueryResponse response = await(reads.query(sql, text(parameters), settings));
        return new FilterInputStream(response.getInputStream()) {
            @Override
            public void close() throws IOException {
                try {
                    response.close();
                } catch (Exception e) {
                    throw new IOException(e);
                }
            }
        };
    }

    @Override
    public void command(String sql, Map<String, ?> parameters) {
        closeQuietly(await(writes.execute(sql, text(parameters))));
    }

    @Override
    public void insert(String table, List<String> columns, byte[] rowBinary) {
        closeQuietly(
                await(writes.insert(table, columns, new ByteArrayInputStream(rowBinary), ClickHouseFormat.RowBinary)));
    }

    @Override
    public String version() {
        try (InputStream result = query("SELECT version()", Map.of(), "TSVRaw")) {
            return new String(result.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot read the server's answer", e);
        }
    }

    @Override
    public String engineName() {
        return "server";
    }

    @Override
    public void close() {
        reads.close();
        writes.close();
    }

    private static void closeQuietly(AutoCloseable response) {
        try {
            response.close();
        } catch (Exception ignored) {
            // The statement has completed; nothing is left to release that matters.
        }
    }

    private static Map<String, Object> text(Map<String, ?> parameters) {
        return new LinkedHashMap<>(QueryParameters.format(parameters));
    }

    private static <T> T await(CompletableFuture<T> call) {
        try {
            return call.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw translate(e.getCause());
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new StorageUnavailableException("ClickHouse did not answer within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while waiting for ClickHouse", e);
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /** Server errors keep ClickHouse's code; failures to reach the server mean "retry later". */
    static RuntimeException translate(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ServerException server) {
                return ClickHouseException.of(server.getMessage(), server.getCode(), server);
            }
            if (cause instanceof ConnectException
                    || cause instanceof InterruptedIOException
                    || cause instanceof ConnectionInitiationException) {
                return new StorageUnavailableException("ClickHouse server unreachable: " + cause.getMessage(), failure);
            }
        }
        return new StorageUnavailableException("ClickHouse call failed: " + failure.getMessage(), failure);
    }
}
