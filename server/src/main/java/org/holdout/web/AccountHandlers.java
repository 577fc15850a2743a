package org.holdout.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.holdout.account.Account;
import org.holdout.account.AccountService;
import org.holdout.account.LoginThrottle;
import org.holdout.account.Secrets;

/** Log in and out, the account page with the API token. */
public final class AccountHandlers {
    static final String LOGIN_CSRF = "holdout_login_csrf";
    static final String NEW_TOKEN = "holdout_new_token";
    private static final int NEW_TOKEN_SECONDS = 120;
    private final AccountService accounts;
    private final LoginThrottle throttle;

    public AccountHandlers(AccountService accounts, LoginThrottle throttle) {
        this.accounts = accounts;
        this.throttle = throttle;
    }

    public void loginPage(Context ctx) {
        if (Web.account(ctx) != null) {
            ctx.redirect("/");
            return;
        }
        loginForm(ctx, safeNext(ctx.queryParam("next")), null, "");
    }

    /** The login form carries its own CSRF token (there is no session yet): a cookie that the form must echo. */
    private static void loginForm(Context ctx, String next, String error, String username) {
        String token = Secrets.newToken();
        ctx.cookie(new Cookie(LOGIN_CSRF, token, "/login", 3600, ctx.req().isSecure(), 0, true, null, null,
                SameSite.STRICT));
        ctx.attribute(Web.CSRF, token);
        Map<String, Object> m = new HashMap<>();
        m.put("next", next);
        m.put("error", error);
        m.put("username", username);
        Web.render(ctx, "login", m);
    }

    public void login(Context ctx) {
        String username = ctx.formParam("username");
        String sent = ctx.formParam(Access.CSRF_FIELD);
        String expected = ctx.cookie(LOGIN_CSRF);
        if (sent == null || expected == null || !java.security.MessageDigest.isEqual(
                sent.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                expected.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            ctx.status(403);
            loginForm(ctx, safeNext(ctx.formParam("next")), Web.text(ctx, "login.expired"),
                    username == null ? "" : username);
            return;
        }
        Optional<LoginThrottle.Refusal> refusal = throttle.check(username, ctx.ip());
        if (refusal.isPresent()) {
            ctx.status(429);
            ctx.header("Retry-After", String.valueOf(refusal.get().retryAfterSeconds()));
            loginForm(ctx, safeNext(ctx.formParam("next")), tooMany(ctx, refusal.get(), username),
                    username == null ? "" : username);
            return;
        }
        Optional<Account> a = accounts.authenticate(username, ctx.formParam("password"));
        if (a.isEmpty()) {
            throttle.failed(username, ctx.ip());
            ctx.status(401);
            loginForm(ctx, safeNext(ctx.formParam("next")), Web.text(ctx, "login.wrong"),
                    username == null ? "" : username);
            return;
        }
        throttle.succeeded(username, ctx.ip());
        ctx.cookie(new Cookie(LOGIN_CSRF, "", "/login", 0, ctx.req().isSecure(), 0, true, null, null,
                SameSite.STRICT));
        String session = accounts.startSession(a.get());
        ctx.cookie(new Cookie(Access.COOKIE, session, "/", (int) AccountService.SESSION_LENGTH.toSeconds(),
                ctx.req().isSecure(), 0, true, null, null, SameSite.LAX));
        ctx.redirect(safeNext(ctx.formParam("next")));
    }

    static String tooMany(Context ctx, LoginThrottle.Refusal refusal, String username) {
        long s = refusal.retryAfterSeconds();
        long m = (s + 59) / 60;
        String wait = s < 60 ? Web.text(ctx, s == 1 ? "login.wait.second" : "login.wait.seconds", s)
                : Web.text(ctx, m == 1 ? "login.wait.minute" : "login.wait.minutes", m);
        return refusal.reason() == LoginThrottle.Refusal.Reason.USERNAME
                ? Web.text(ctx, "login.tooMany.username", username == null ? "" : username.trim(), wait)
                : Web.text(ctx, "login.tooMany.address", wait);
    }

    public void logout(Context ctx) {
        accounts.endSession(ctx.cookie(Access.COOKIE));
        ctx.cookie(new Cookie(Access.COOKIE, "", "/", 0, ctx.req().isSecure(), 0, true, null, null, SameSite.LAX));
        ctx.redirect("/login");
    }

    /** The account page; right after {@link #regenerateToken} it shows the new token, once. */
    public void accountPage(Context ctx) {
        Map<String, Object> m = new HashMap<>();
        m.put("token", null);
        m.put("passwordChanged", "password".equals(ctx.queryParam("done")));
        String fresh = ctx.cookie(NEW_TOKEN);
        if (fresh != null) {
            newTokenCookie(ctx, "", 0);
            ctx.header("Cache-Control", "no-store");
            long me = Web.account(ctx).id();
            if (accounts.byToken(fresh).filter(a -> a.id() == me).isPresent()) {
                m.put("token", fresh);
            }
        }
        Web.render(ctx, "account", m);
    }

    /** A refused change is shown at once (nothing changed); a done one redirects, so a reload does not repeat it. */
    public void changePassword(Context ctx) {
        try {
            accounts.changePassword(Web.account(ctx), ctx.cookie(Access.COOKIE), ctx.formParam("current"),
                    ctx.formParam("password"), ctx.formParam("repeat"));
        } catch (IllegalArgumentException e) {
            ctx.status(422);
            Map<String, Object> m = new HashMap<>();
            m.put("token", null);
            m.put("passwordError", e.getMessage());
            Web.render(ctx, "account", m);
            return;
        }
        ctx.redirect("/account?done=password#password", HttpStatus.SEE_OTHER);
    }

    /**
     * Post/Redirect/Get: the new token rides to the account page in a short-lived cookie that only /account
     * receives and that page deletes, so reloading the page neither shows it again nor replaces it again.
     */
    public void regenerateToken(Context ctx) {
        String token = accounts.regenerateToken(Web.account(ctx).id());
        newTokenCookie(ctx, token, NEW_TOKEN_SECONDS);
        ctx.redirect("/account", HttpStatus.SEE_OTHER);
    }

    private static void newTokenCookie(Context ctx, String value, int maxAge) {
        ctx.cookie(new Cookie(NEW_TOKEN, value, "/account", maxAge, ctx.req().isSecure(), 0, true, null, null,
                SameSite.STRICT));
    }

    /**
     * A path on this site, or "/". Browsers drop tabs and line breaks from a Location ("/\t/evil.example" becomes
     * "//evil.example", another site), so any control character or space refuses the address too.
     */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.chars().anyMatch(ch -> ch <= ' ' || ch == 0x7f)) {
            return "/";
        }
        return next;
    }
}
