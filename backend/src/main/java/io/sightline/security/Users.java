package io.sightline.security;

import java.util.List;
import java.util.Optional;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Users who sign in to the pages; passwords stored as bcrypt hashes. */
@Service
public class Users implements UserDetailsService {

    private final UserRepository repository;
    private final MembershipRepository memberships;
    private final PasswordEncoder passwords;

    Users(UserRepository repository, MembershipRepository memberships, PasswordEncoder passwords) {
        this.repository = repository;
        this.memberships = memberships;
        this.passwords = passwords;
    }

    /**
     * Creates a user; returns its id. The password must pass the {@link PasswordPolicy}; a taken name
     * throws {@link org.springframework.dao.DuplicateKeyException}.
     */
    public long create(String username, String password, Role role) {
        PasswordPolicy.require(username, password);
        return repository
                .saveAndFlush(new User(username, passwords.encode(password), role))
                .id();
    }

    /** A user as settings list them. */
    public record UserInfo(long id, String username, Role role) {}

    public List<UserInfo> list() {
        return repository.findAllByOrderByUsername().stream()
                .map(user -> new UserInfo(user.id(), user.username(), user.role()))
                .toList();
    }

    /** Changes a user's role; false when there is no such user. */
    public boolean changeRole(long userId, Role role) {
        return repository.changeRole(userId, role) == 1;
    }

    public Optional<Long> idOf(String username) {
        return repository.findIdByUsername(username);
    }

    /** The user as stored now, if it still exists. */
    public Optional<UserPrincipal> find(long userId) {
        return repository.findById(userId).map(User::principal);
    }

    /** Sets a new password (checked against the {@link PasswordPolicy}); false when there is no such user. */
    boolean setPassword(long userId, String username, String password) {
        PasswordPolicy.require(username, password);
        return repository.setPasswordHash(userId, passwords.encode(password)) == 1;
    }

    /** Deletes a user and their memberships; false when there is no such user. */
    boolean delete(long userId) {
        return repository.deleteUser(userId) == 1;
    }

    /** Takes a user out of a project; false when they were not a member. */
    boolean removeFromProject(long userId, long projectId) {
        return memberships.deleteMembership(new Membership.Key(userId, projectId)) == 1;
    }

    boolean passwordMatches(UserPrincipal user, String password) {
        return password != null && passwords.matches(password, user.passwordHash());
    }

    /**
     * Makes the user a member of the project. A member already throws {@link
     * org.springframework.dao.DuplicateKeyException}; an unknown user or project {@link
     * org.springframework.dao.DataIntegrityViolationException}.
     */
    public void addToProject(long userId, long projectId) {
        memberships.saveAndFlush(new Membership(userId, projectId));
    }

    boolean anyExist() {
        return repository.count() > 0;
    }

    @Override
    public UserPrincipal loadUserByUsername(String username) {
        return repository
                .findByUsername(username)
                .map(User::principal)
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }
}
