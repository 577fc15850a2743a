package org.holdout.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Creating accounts, checking passwords and tokens, and browser sessions. */
public final class AccountService {
    public static final Duration SESSION_LENGTH = Duration.ofDays(14);
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
     * Creates an account with the given password, or a generated one when {@code password} is blank. Usernames are
     * unique ignoring case: the check here gives the message, the database's unique index on the lower-cased name
     * settles two creations at once.
     *
     * @throws IllegalArgumentException for a field that breaks {@link AccountRules} or a taken username, with a
     *                                  sentence saying which
     */
    public Created create(String username, String displayName, String email, Role role, String password) {
        AccountRules.username(username);
        String name = displayName == null || displayName.isBlank() ? username : displayName.trim();
        AccountRules.displayName(name);
        String mail = email == null || email.isBlank() ? null : email.trim();
        AccountRules.email(mail);
        boolean generated = password == null || password.isBlank();
        if (!generated) {
            AccountRules.password(password, "password");
        }
        accounts.byUsername(username).ifPresent(a -> {
            throw taken(username, a.username());
        });
        String pw = givenOrGenerated(password);
        Account a = accounts.insert(username, name, mail, role, Secrets.hashPassword(pw), clock.instant())
                .orElseThrow(() -> taken(username, accounts.byUsername(username).map(Account::username)
                        .orElse(username)));
        return new Created(a, pw, generated);
    }

    private static IllegalArgumentException taken(String username, String existing) {
        return new IllegalArgumentException("username \"" + username + "\" is taken" + (existing.equals(username) ? ""
                : " (by \"" + existing + "\": usernames are the same whatever their case)"));
    }

    /** The account of this username, typed in any case, if the password is its password. */
    public Optional<Account> authenticate(String username, String password) {
        if (username == null || password == null) {
            return Optional.empty();
        }
        Optional<Account> a = accounts.byUsername(username.trim());
        boolean matches = Secrets.checkPassword(password, a.map(Account::passwordHash).orElse(NO_SUCH_USER));
        return matches ? a : Optional.empty();
    }

    /**
     * Replaces the password of {@code me} after checking the current one, revokes its API token and ends its other
     * sessions.
     *
     * @throws IllegalArgumentException with a sentence saying what is wrong; nothing is changed then
     */
    public void changePassword(Account me, String sessionCookie, String current, String next, String repeat) {
        if (!Secrets.checkPassword(current, me.passwordHash())) {
            throw new IllegalArgumentException("The current password is not right.");
        }
        AccountRules.password(next, "The new password");
        if (!next.equals(repeat)) {
            throw new IllegalArgumentException("The two new passwords differ.");
        }
        setPassword(me.id(), next, sessionCookie == null ? "" : Secrets.hashToken(sessionCookie));
    }

    /**
     * Staff's reset for an account that lost its password: {@code password}, or a generated one when it is blank;
     * all the account's sessions end and its API token is revoked.
     *
     * @return the new password
     * @throws IllegalArgumentException when there is no such account or the password breaks {@link AccountRules}
     */
    public String resetPassword(String username, String password) {
        Account a = accounts.byUsername(username).orElseThrow(() -> new IllegalArgumentException(
                "there is no account \"" + username + "\"; 'holdout users list' shows them"));
        if (password != null && !password.isBlank()) {
            AccountRules.password(password, "The password");
        }
        String pw = givenOrGenerated(password);
        setPassword(a.id(), pw, "");
        return pw;
    }

    private static String givenOrGenerated(String password) {
        return password == null || password.isBlank() ? Secrets.newPassword() : password;
    }

    /**
     * Sets the password, revokes the API token (whoever knew the old password may have made one), and ends the
     * account's sessions but the one whose id hashes to {@code keepSession}.
     */
    private void setPassword(long accountId, String password, String keepSession) {
        accounts.setPasswordHashRevokingToken(accountId, Secrets.hashPassword(password));
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
