package io.sightline.security;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Projects: the unit of data ownership. Every span, key and membership belongs to one. */
@Service
public class Projects {

    static final String DEFAULT_PROJECT = "default";

    private final ProjectRepository repository;
    private final MembershipRepository memberships;
    private final ApplicationEventPublisher events;

    Projects(ProjectRepository repository, MembershipRepository memberships, ApplicationEventPublisher events) {
        this.repository = repository;
        this.memberships = memberships;
        this.events = events;
    }

    /**
     * Creates a project; returns its id. Names are unique: a taken one throws {@link
     * org.springframework.dao.DuplicateKeyException}.
     */
    public long create(String name) {
        return repository.saveAndFlush(new Project(name)).id();
    }

    /** The project made on the first start of an empty instance. */
    public long defaultProjectId() {
        return idOf(DEFAULT_PROJECT).orElseThrow(() -> new IllegalStateException("no default project yet"));
    }

    public Optional<Long> idOf(String name) {
        return repository.findIdByName(name);
    }

    /**
     * A project with its members, and its own ingest quota in spans per second (0 unlimited; null when
     * it follows the instance default).
     */
    public record ProjectInfo(long id, String name, List<Member> members, Long ingestSpansPerSecond) {}

    /** A member of a project, as settings list them. */
    public record Member(long id, String username) {}

    /** The projects by name, each with its members by user name: two queries, whatever their number. */
    @Transactional(readOnly = true)
    public List<ProjectInfo> list(Set<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, List<Member>> members = memberships.findMembers(ids).stream()
                .collect(Collectors.groupingBy(
                        MembershipRepository.ProjectMember::projectId,
                        Collectors.mapping(
                                member -> new Member(member.userId(), member.username()), Collectors.toList())));
        return repository.findByIdInOrderByName(ids).stream()
                .map(project -> new ProjectInfo(
                        project.id(),
                        project.name(),
                        members.getOrDefault(project.id(), List.of()),
                        project.ingestSpansPerSecond()))
                .toList();
    }

    /** The project's own ingest quota in spans per second (0 unlimited), empty when it has none. */
    public OptionalLong ingestSpansPerSecond(long projectId) {
        return repository
                .findIngestSpansPerSecondById(projectId)
                .map(OptionalLong::of)
                .orElseGet(OptionalLong::empty);
    }

    /**
     * Gives the project its own ingest quota ({@code null}: back to the instance default) and tells
     * the enforcer at once ({@link IngestQuotaChanged}); false when there is no such project.
     */
    @Transactional
    public boolean setIngestSpansPerSecond(long projectId, Long spansPerSecond) {
        boolean changed = repository.setIngestSpansPerSecond(projectId, spansPerSecond) == 1;
        if (changed) {
            events.publishEvent(new IngestQuotaChanged(projectId));
        }
        return changed;
    }

    public Set<Long> allIds() {
        return Set.copyOf(repository.findAllIds());
    }

    public Set<Long> idsOfMember(long userId) {
        return Set.copyOf(memberships.findProjectIdsByUserId(userId));
    }

    public List<String> namesOf(Set<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return repository.findByIdInOrderByName(ids).stream().map(Project::name).toList();
    }

    /** Ensures the default project exists; returns its id. */
    @Transactional
    long ensureDefault() {
        return idOf(DEFAULT_PROJECT).orElseGet(() -> create(DEFAULT_PROJECT));
    }
}
