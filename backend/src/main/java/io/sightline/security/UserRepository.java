package io.sightline.security;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

interface UserRepository extends JpaRepository<User, Long> {

    Optional<User> findByUsername(String username);

    @Query("select u.id from User u where u.username = :username")
    Optional<Long> findIdByUsername(String username);

    List<User> findAllByOrderByUsername();

    @Transactional
    @Modifying
    @Query("update User u set u.role = :role where u.id = :id")
    int changeRole(long id, Role role);

    @Transactional
    @Modifying
    @Query("update User u set u.passwordHash = :passwordHash where u.id = :id")
    int setPasswordHash(long id, String passwordHash);

    /** One statement; the schema's ON DELETE CASCADE takes the user's memberships with it. */
    @Transactional
    @Modifying
    @Query("delete from User u where u.id = :id")
    int deleteUser(long id);
}
