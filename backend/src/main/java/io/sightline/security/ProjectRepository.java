package io.sightline.security;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

interface ProjectRepository extends JpaRepository<Project, Long> {

    Optional<Project> findByName(String name);

    List<Project> findByIdInOrderByName(Collection<Long> ids);

    @Query("select p.id from Project p")
    List<Long> findAllIds();

    @Query("select p.id from Project p where p.name = :name")
    Optional<Long> findIdByName(String name);

    @Transactional
    @Modifying
    @Query("update Project p set p.ingestSpansPerSecond = :spansPerSecond where p.id = :id")
    int setIngestSpansPerSecond(long id, Long spansPerSecond);

    @Query("select p.ingestSpansPerSecond from Project p where p.id = :id")
    Optional<Long> findIngestSpansPerSecondById(long id);
}
