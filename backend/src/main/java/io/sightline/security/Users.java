package io.sightline.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Users who sign in to the pages; passwords stored as bcrypt hashes. */
@Service
public class Users implements UserDetailsService {

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;

    Users(JdbcClient jdbc, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.passwords = passwords;
    }

    /** Creates a user; returns its id. The password must pass the {@link PasswordPolicy}. */
    public long create(String username, String password, Role role) {
        PasswordPolicy.require(username, password);
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO users (username, password_hash, role) VALUES (:name, :hash, :role)")
                .param("name", username)
                .param("hash", passwords.encode(password))
                .param("role", role.name())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** A user as settings list them. */
    public record UserInfo(long id, String username, Role role) {}

    public List<UserInfo> list() {
        return jdbc.sql("SELECT id, username, role FROM users ORDER BY username")
                .query((row, n) ->
                        new UserInfo(row.getLong("id"), row.getString("username"), Role.valueOf(row.getString("role"))))
                .list();
    }

    /** Changes a user's role; false when there is no such user. */
    public boolean changeRole(long userId, Role role) {
        return jdbc.sql("UPDATE users SET role = :role WHERE id = :id")
                        .param("role", role.name())
                        .param("id", userId)
                        .update()
                == 1;
    }

    public Optional<Long> idOf(String username) {
        return jdbc.sql("SELECT id FROM users WHERE username = :name")
                .param("name", username)
                .query(Long.class)
                .optional();
    }

    /** The user as stored now, if it still exists. */
    public Optional<UserPrincipal> find(long userId) {
        return jdbc.sql("SELECT id, username, password_hash, role FROM users WHERE id = :id")
                .param("id", userId)
                .query(Users::principal)
                .optional();
    }

    /** Sets a new password (checked against the {@link PasswordPolicy}); false when there is no such user. */
    boolean setPassword(long userId, String username, String password) {
        PasswordPolicy.require(username, password);
        return jdbc.sql("UPDATE users SET password_hash = :hash WHERE id = :id")
                        .param("hash", passwords.encode(password))
                        .param("id", userId)
                        .update()
                == 1;
    }

    /** Deletes a user and their memberships; false when there is no such user. */
    boolean delete(long userId) {
        return jdbc.sql("DELETE FROM users WHERE id = :id").param("id", userId).update() == 1;
    }

    /** Takes a user out of a project; false when they were not a member. */
    boolean removeFromProject(long userId, long projectId) {
        return jdbc.sql("DELETE FROM memberships WHERE user_id = :user AND project_id = :project")
                        .param("user", userId)
                        .param("project", projectId)
                        .update()
                == 1;
    }

    boolean passwordMatches(UserPrincipal user, String password) {
        return password != null && passwords.matches(password, user.passwordHash());
    }

    public void addToProject(long userId, long projectId) {
        jdbc.sql("INSERT INTO memberships (user_id, project_id) VALUES (:user, :project)")
                .param("user", userId)
                .param("project", projectId)
                .update();
    }

    boolean anyExist() {
        return jdbc.sql("SELECT count(*) FROM users").query(Long.class).single() > 0;
    }

    @Override
    public UserPrincipal loadUserByUsername(String username) {
        return jdbc.sql("SELECT id, username, password_hash, role FROM users WHERE username = :name")
                .param("name", username)
                .query(Users::principal)
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    private static UserPrincipal principal(ResultSet row, int n) throws SQLException {
        return new UserPrincipal(
                row.getLong("id"),
                row.getString("username"),
                row.getString("password_hash"),
                Role.valueOf(row.getString("role")));
    }
}
