package org.holdout.account;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What an account's fields may hold, checked before anything is written: the username's form, the password's length
 * (the same rule on the Account page, for a roster, {@code users add} and {@code users password}), and the lengths
 * of the accounts table's columns (V1). Usernames are compared by {@link #key}: their case does not count.
 */
public final class AccountRules {
    public static final int USERNAME_MAX = 64;
    public static final int DISPLAY_NAME_MAX = 200;
    public static final int EMAIL_MAX = 200;
    public static final int MIN_PASSWORD = 8;
    public static final int MAX_PASSWORD_BYTES = 72;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (USERNAME_MAX - 1) + "}");

    private AccountRules() {
    }

    /** The form usernames are compared and looked up in: "Alice" and "alice" are one name. */
    public static String key(String username) {
        return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException unless 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit */
    public static void username(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("username \"" + shorter(username) + "\" must be 1-" + USERNAME_MAX
                    + " letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    /** @throws IllegalArgumentException when the (trimmed) display name does not fit its column */
    public static void displayName(String displayName) {
        fits("display_name", displayName, DISPLAY_NAME_MAX);
    }

    /** @throws IllegalArgumentException when the (trimmed) e-mail address does not fit its column */
    public static void email(String email) {
        fits("email", email, EMAIL_MAX);
    }

    /**
     * At least {@value #MIN_PASSWORD} characters and at most {@value #MAX_PASSWORD_BYTES} bytes in UTF-8 (bcrypt
     * ignores the rest).
     *
     * @param what how the message names the password, e.g. "The new password"
     * @throws IllegalArgumentException saying which limit the password breaks
     */
    public static void password(String password, String what) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw new IllegalArgumentException(what + " needs at least " + MIN_PASSWORD + " characters.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException(what + " may have at most " + MAX_PASSWORD_BYTES
                    + " bytes (bcrypt ignores the rest).");
        }
    }

    private static void fits(String field, String value, int max) {
        if (value != null && value.trim().length() > max) {
            throw new IllegalArgumentException(field + " has " + value.trim().length() + " characters; at most " + max
                    + " fit");
        }
    }

    private static String shorter(String s) {
        return s == null || s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }
}
