package io.sightline.security;

import java.sql.Types;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Projects: the unit of data ownership. Every span, key and membership belongs to one. */
@Service
public class Projects {

    static final String DEFAULT_PROJECT = "default";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    Projects(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Creates a project; returns its id. Names are unique. */
    @Transactional
    public long create(String name) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO projects (name) VALUES (:name)")
                .param("name", name)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** The project made on the first start of an empty instance. */
    public long defaultProjectId() {
        return idOf(DEFAULT_PROJECT).orElseThrow(() -> new IllegalStateException("no default project yet"));
    }

    public Optional<Long> idOf(String name) {
        return jdbc.sql("SELECT id FROM projects WHERE name = :name")
                .param("name", name)
                .query(Long.class)
                .optional();
    }

    /**
     * A project with its members, and its own ingest quota in spans per second (0 unlimited; null when
     * it follows the instance default).
     */
    public record ProjectInfo(long id, String name, List<Member> members, Long ingestSpansPerSecond) {}

    /** A member of a project, as settings list them. */
    public record Member(long id, String username) {}

    public List<ProjectInfo> list(Set<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT id, name, ingest_spans_per_second FROM projects WHERE id IN (:ids) ORDER BY name")
                .param("ids", ids)
                .query((row, n) -> new ProjectInfo(
                        row.getLong("id"),
                        row.getString("name"),
                        jdbc.sql("""
                                SELECT u.id, u.username FROM memberships m JOIN users u ON u.id = m.user_id
                                WHERE m.project_id = :project ORDER BY u.username""")
                                .param("project", row.getLong("id"))
                                .query((member, m) -> new Member(member.getLong("id"), member.getString("username")))
                                .list(),
                        row.getObject("ingest_spans_per_second", Long.class)))
                .list();
    }

    /** The project's own ingest quota in spans per second (0 unlimited), empty when it has none. */
    public OptionalLong ingestSpansPerSecond(long projectId) {
        List<Long> quota = jdbc.sql("SELECT ingest_spans_per_second FROM projects WHERE id = :id")
                .param("id", projectId)
                .query((row, n) -> row.getObject(1, Long.class))
                .list();
        return quota.isEmpty() || quota.getFirst() == null ? OptionalLong.empty() : OptionalLong.of(quota.getFirst());
    }

    /**
     * Gives the project its own ingest quota ({@code null}: back to the instance default) and tells
     * the enforcer at once ({@link IngestQuotaChanged}); false when there is no such project.
     */
    @Transactional
    public boolean setIngestSpansPerSecond(long projectId, Long spansPerSecond) {
        boolean changed = jdbc.sql("UPDATE projects SET ingest_spans_per_second = :quota WHERE id = :id")
                        .param("quota", spansPerSecond, Types.BIGINT)
                        .param("id", projectId)
                        .update()
                == 1;
        if (changed) {
            events.publishEvent(new IngestQuotaChanged(projectId));
        }
        return changed;
    }

    public Set<Long> allIds() {
        return Set.copyOf(jdbc.sql("SELECT id FROM projects").query(Long.class).list());
    }

    public Set<Long> idsOfMember(long userId) {
        return Set.copyOf(jdbc.sql("SELECT project_id FROM memberships WHERE user_id = :user")
                .param("user", userId)
                .query(Long.class)
                .list());
    }

    public List<String> namesOf(Set<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT name FROM projects WHERE id IN (:ids) ORDER BY name")
                .param("ids", ids)
                .query(String.class)
                .list();
    }

    /** Ensures the default project exists; returns its id. */
    @Transactional
    long ensureDefault() {
        return idOf(DEFAULT_PROJECT).orElseGet(() -> create(DEFAULT_PROJECT));
    }
}
