package org.holdout.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/** Creating accounts, checking passwords and tokens, and browser sessions. */
public final class AccountService {
    public static final Duration SESSION_LENGTH = Duration.ofDays(14);
    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD_BYTES = 72;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** Checked against when the username does not exist, so that answer takes as long as a wrong password. */
    private static final String NO_SUCH_USER = Secrets.hashPassword(Secrets.newToken());

    private final AccountRepository accounts;
    private final Clock clock;

    public AccountService(AccountRepository accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    public AccountRepository repository() {
        return accounts;
    }

    /**
     * Creates an account with the given password, or a generated one when {@code password} is blank.
     *
     * @throws IllegalArgumentException for a bad or taken username, with a sentence saying which
     */
    public Created create(String username, String displayName, String email, Role role, String password) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("username \"" + username + "\" must be 1-64 letters, digits, '.', '_'"
                    + " or '-', starting with a letter or digit");
        }
        if (accounts.byUsername(username).isPresent()) {
            throw new IllegalArgumentException("username \"" + username + "\" is taken");
        }
        boolean generated = password == null || password.isBlank();
        String pw = givenOrGenerated(password);
        String name = displayName == null || displayName.isBlank() ? username : displayName.trim();
        String mail = email == null || email.isBlank() ? null : email.trim();
        Account a = accounts.insert(username, name, mail, role, Secrets.hashPassword(pw), clock.instant());
        return new Created(a, pw, generated);
    }

    public Optional<Account> authenticate(String username, String password) {
        if (username == null || password == null) {
            return Optional.empty();
        }
        Optional<Account> a = accounts.byUsername(username.trim());
        boolean matches = Secrets.checkPassword(password, a.map(Account::passwordHash).orElse(NO_SUCH_USER));
        return matches ? a : Optional.empty();
    }

    /**
     * Replaces the password of {@code me} after checking the current one, and ends its other sessions.
     *
     * @throws IllegalArgumentException with a sentence saying what is wrong; nothing is changed then
     */
    public void changePassword(Account me, String sessionCookie, String current, String next, String repeat) {
        if (!Secrets.checkPassword(current, me.passwordHash())) {
            throw new IllegalArgumentException("The current password is not right.");
        }
        if (next == null || next.length() < MIN_PASSWORD) {
            throw new IllegalArgumentException("The new password needs at least " + MIN_PASSWORD + " characters.");
        }
        if (next.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("The new password may have at most " + MAX_PASSWORD_BYTES
                    + " bytes (bcrypt ignores the rest).");
        }
        if (!next.equals(repeat)) {
            throw new IllegalArgumentException("The two new passwords differ.");
        }
        setPassword(me.id(), next, sessionCookie == null ? "" : Secrets.hashToken(sessionCookie));
    }

    /**
     * Staff's reset for an account that lost its password: {@code password}, or a generated one when it is blank;
     * all the account's sessions end.
     *
     * @return the new password
     * @throws IllegalArgumentException when there is no such account
     */
    public String resetPassword(String username, String password) {
        Account a = accounts.byUsername(username).orElseThrow(() -> new IllegalArgumentException(
                "there is no account \"" + username + "\"; 'holdout users list' shows them"));
        String pw = givenOrGenerated(password);
        setPassword(a.id(), pw, "");
        return pw;
    }

    private static String givenOrGenerated(String password) {
        return password == null || password.isBlank() ? Secrets.newPassword() : password;
    }

    /** Sets the password and ends the account's sessions but the one whose id hashes to {@code keepSession}. */
    private void setPassword(long accountId, String password, String keepSession) {
        accounts.setPasswordHash(accountId, Secrets.hashPassword(password));
        accounts.deleteOtherSessions(accountId, keepSession);
    }

    public Optional<Account> byToken(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return accounts.byTokenHash(Secrets.hashToken(token.trim()));
    }

    /** A new API token; the old one stops working. Only its hash is stored, so it is shown once. */
    public String regenerateToken(long accountId) {
        String token = Secrets.newToken();
        accounts.setTokenHash(accountId, Secrets.hashToken(token));
        return token;
    }

    /** Starts a browser session; returns the cookie value (its hash is what is stored). */
    public String startSession(Account account) {
        String id = Secrets.newToken();
        Instant now = clock.instant();
        accounts.insertSession(Secrets.hashToken(id), account.id(), Secrets.newToken(), now, now.plus(SESSION_LENGTH));
        return id;
    }

    public Optional<AccountRepository.Session> session(String cookieValue) {
        if (cookieValue == null || cookieValue.isBlank()) {
            return Optional.empty();
        }
        return accounts.session(Secrets.hashToken(cookieValue), clock.instant());
    }

    public void endSession(String cookieValue) {
        if (cookieValue != null) {
            accounts.deleteSession(Secrets.hashToken(cookieValue));
        }
    }

    /** A new account and its password in clear text, to be shown once. */
    public record Created(Account account, String password, boolean generatedPassword) {
    }
}
