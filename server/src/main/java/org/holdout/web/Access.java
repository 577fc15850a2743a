package org.holdout.web;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.UnauthorizedResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.holdout.account.Account;
import org.holdout.account.AccountRepository;
import org.holdout.account.AccountService;
import org.holdout.account.Role;

/**
 * The one access check, run before every matched route: who is calling (Bearer token or session cookie), whether
 * their role may call this route, and for a cookie session the CSRF token of every state-changing request.
 */
public final class Access {
    public static final String COOKIE = "holdout_session";
    public static final String CSRF_FIELD = "_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private final AccountService accounts;

    public Access(AccountService accounts) {
        this.accounts = accounts;
    }

    /** Who the session cookie belongs to, if anyone, without checking any route's roles. */
    public void identify(Context ctx) {
        accounts.session(ctx.cookie(COOKIE)).ifPresent(session -> {
            ctx.attribute(Web.ACCOUNT, session.account());
            ctx.attribute(Web.CSRF, session.csrfToken());
        });
    }

    public void check(Context ctx) {
        Set<Role> roles = ctx.routeRoles().stream().map(r -> ((RoutedRole) r).role()).collect(Collectors.toSet());
        if (roles.isEmpty()) {
            throw new ForbiddenResponse(Web.text(ctx, "access.closed"));
        }
        Account who = null;
        String auth = ctx.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            who = accounts.byToken(auth.substring(7)).orElseThrow(() -> new UnauthorizedResponse(
                    Web.text(ctx, "access.badToken")));
        } else {
            Optional<AccountRepository.Session> session = accounts.session(ctx.cookie(COOKIE));
            if (session.isPresent()) {
                who = session.get().account();
                ctx.attribute(Web.CSRF, session.get().csrfToken());
                boolean loginForm = ctx.path().equals("/login");
                if (changesState(ctx) && !loginForm && !csrfMatches(ctx, session.get().csrfToken())) {
                    throw new ForbiddenResponse(Web.text(ctx, "access.csrf"));
                }
            }
        }
        ctx.attribute(Web.ACCOUNT, who);
        if (roles.contains(Role.ANYONE)) {
            readForm(ctx);
            return;
        }
        if (who == null) {
            if (Web.isApi(ctx)) {
                ctx.header("WWW-Authenticate", "Bearer");
                throw new UnauthorizedResponse(auth == null ? Web.text(ctx, "access.noToken")
                        : Web.text(ctx, "access.badScheme", scheme(auth)));
            }
            if (ctx.method() == HandlerType.GET) {
                ctx.redirect("/login?next=" + URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8));
                ctx.skipRemainingHandlers();
                return;
            }
            throw new UnauthorizedResponse(Web.text(ctx, "access.sessionEnded"));
        }
        if (!roles.contains(who.role())) {
            throw new ForbiddenResponse(Web.text(ctx, roles.contains(Role.STAFF) ? "access.staffOnly"
                    : "access.studentsOnly"));
        }
        readForm(ctx);
    }

    /**
     * Reads a page's form body once, before its handler: a body that cannot be read is a 400 naming the problem
     * whoever sent it (a token call skips the CSRF check, which would otherwise have read it).
     */
    private static void readForm(Context ctx) {
        String type = ctx.contentType();
        if (changesState(ctx) && !Web.isApi(ctx) && type != null
                && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"))) {
            Uploads.multipart(ctx, ctx::formParamMap);
        }
    }

    private static String scheme(String auth) {
        String first = auth.strip().split("\\s+", 2)[0];
        return first.length() > 20 ? first.substring(0, 20) + "…" : first;
    }

    private static boolean changesState(Context ctx) {
        HandlerType m = ctx.method();
        return m == HandlerType.POST || m == HandlerType.PUT || m == HandlerType.DELETE || m == HandlerType.PATCH;
    }

    private static boolean csrfMatches(Context ctx, String expected) {
        String sent = ctx.header(CSRF_HEADER);
        if (sent == null) {
            String type = ctx.contentType();
            if (type != null && (type.startsWith("application/x-www-form-urlencoded")
                    || type.startsWith("multipart/form-data"))) {
                sent = Uploads.multipart(ctx, () -> ctx.formParam(CSRF_FIELD));
            }
        }
        return sent != null && java.security.MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }
}
