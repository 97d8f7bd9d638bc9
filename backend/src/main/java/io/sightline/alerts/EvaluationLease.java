package io.sightline.alerts;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which replica evaluates the rules. Replicas share the metadata database, and its one
 * {@code alert_leases} row names the holder and until when it holds. {@link #claim} is one atomic
 * {@code UPDATE} that succeeds only when the lease has run out or is already this replica's, so of
 * replicas ticking together exactly one gets it, and the holder keeps it by claiming again each tick.
 * When the holder stops, another replica takes over once the lease runs out (one interval). Replicas'
 * clocks are compared through the database's rows, so they should agree to well under an interval
 * (NTP).
 */
class EvaluationLease {

    /** The lease of the rules' evaluation, the row {@code V6__alerts.sql} inserts. */
    static final String EVALUATION = "evaluation";

    private final JdbcTemplate jdbc;
    private final String name;
    private final String holder;

    /** The lease row {@code name}, claimed as {@code holder}. */
    EvaluationLease(DataSource dataSource, String name, String holder) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.name = name;
        this.holder = holder;
    }

    /** This process's holder name: its host and a random part, so two replicas on one host differ. */
    static String thisProcess() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        String name = host + "/" + UUID.randomUUID();
        return name.length() <= 100 ? name : name.substring(name.length() - 100);
    }

    /** True when this replica holds the lease from {@code now} for {@code length}. */
    boolean claim(Instant now, Duration length) {
        return jdbc.update(
                        "UPDATE alert_leases SET holder = ?, expires_at = ? WHERE name = ? AND (expires_at <= ? OR holder = ?)",
                        holder,
                        OffsetDateTime.ofInstant(now.plus(length), ZoneOffset.UTC),
                        name,
                        OffsetDateTime.ofInstant(now, ZoneOffset.UTC),
                        holder)
                == 1;
    }
}
