package org.holdout.account;

import java.util.Locale;

/** Who may call a route. ANYONE needs no login; STAFF is never implied by STUDENT, and vice versa. */
public enum Role {
    ANYONE, STUDENT, STAFF;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String s) {
        for (Role r : values()) {
            if (r != ANYONE && r.id().equalsIgnoreCase(s.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role \"" + s + "\"; expected student or staff");
    }
}
