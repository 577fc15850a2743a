package org.holdout.account;

import java.time.Instant;

/** A person who logs in. Only hashes of the password and of the API token are ever stored. */
public record Account(long id, String username, String displayName, String email, Role role, String passwordHash,
                      String tokenHash, Instant created) {

    public boolean isStaff() {
        return role == Role.STAFF;
    }

    public boolean hasToken() {
        return tokenHash != null;
    }
}
