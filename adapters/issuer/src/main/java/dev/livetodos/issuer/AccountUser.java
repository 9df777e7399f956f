package dev.livetodos.issuer;

import java.util.List;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;

/**
 * A signed-in person as Spring Security holds them. Its user name is the account's id, so the
 * authorization server puts the id in {@code sub}; the chosen name travels beside it.
 */
final class AccountUser extends User {

    private final String displayName;

    AccountUser(Account account) {
        super(account.id().toString(), account.passwordHash(), List.copyOf(AuthorityUtils.createAuthorityList("ROLE_PERSON")));
        this.displayName = account.name();
    }

    /** The name the person chose, for {@code name} and {@code preferred_username}. */
    String displayName() {
        return displayName;
    }

    @Override
    public boolean equals(Object other) {
        return super.equals(other);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
