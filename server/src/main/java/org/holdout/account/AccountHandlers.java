package org.holdout.account;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.holdout.web.Access;
import org.holdout.web.Web;

/** Log in and out, the account page with the API token. */
public final class AccountHandlers {
    private final AccountService accounts;

    public AccountHandlers(AccountService accounts) {
        this.accounts = accounts;
    }

    public void loginPage(Context ctx) {
        if (Web.account(ctx) != null) {
            ctx.redirect("/");
            return;
        }
        Map<String, Object> m = new HashMap<>();
        m.put("next", safeNext(ctx.queryParam("next")));
        m.put("error", null);
        m.put("username", "");
        Web.render(ctx, "login", m);
    }

    public void login(Context ctx) {
        String username = ctx.formParam("username");
        Optional<Account> a = accounts.authenticate(username, ctx.formParam("password"));
        if (a.isEmpty()) {
            Map<String, Object> m = new HashMap<>();
            m.put("next", safeNext(ctx.formParam("next")));
            m.put("error", "Wrong username or password.");
            m.put("username", username == null ? "" : username);
            ctx.status(401);
            Web.render(ctx, "login", m);
            return;
        }
        String session = accounts.startSession(a.get());
        ctx.cookie(new Cookie(Access.COOKIE, session, "/", (int) AccountService.SESSION_LENGTH.toSeconds(),
                ctx.req().isSecure(), 0, true, null, null, SameSite.LAX));
        ctx.redirect(safeNext(ctx.formParam("next")));
    }

    public void logout(Context ctx) {
        accounts.endSession(ctx.cookie(Access.COOKIE));
        ctx.cookie(new Cookie(Access.COOKIE, "", "/", 0, ctx.req().isSecure(), 0, true, null, null, SameSite.LAX));
        ctx.redirect("/login");
    }

    public void accountPage(Context ctx) {
        Map<String, Object> m = new HashMap<>();
        m.put("token", null);
        Web.render(ctx, "account", m);
    }

    public void regenerateToken(Context ctx) {
        Account me = Web.account(ctx);
        String token = accounts.regenerateToken(me.id());
        Map<String, Object> m = new HashMap<>();
        m.put("token", token);
        ctx.header("Cache-Control", "no-store");
        Web.render(ctx, "account", m);
    }

    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")) {
            return "/";
        }
        return next;
    }
}
