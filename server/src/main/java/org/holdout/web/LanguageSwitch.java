package org.holdout.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.SameSite;
import java.util.Locale;

/**
 * {@code GET /language/{tag}}: remembers the chosen language in a cookie and goes back to the page the link was on
 * (the Referer, when it is a page of this site; a script may name it with {@code ?next=/path}), else home. The pages'
 * links carry no address, so nothing of a page's query is written into the page.
 */
final class LanguageSwitch {
    private static final int ONE_YEAR = 365 * 24 * 3600;

    private LanguageSwitch() {
    }

    static void switchTo(Context ctx) {
        Locale chosen = Language.supported(ctx.pathParam("tag"));
        if (chosen == null) {
            throw new NotFoundResponse(Web.text(ctx, "lang.none", ctx.pathParam("tag")));
        }
        Cookie cookie = new Cookie(Language.COOKIE, chosen.toLanguageTag(), "/", ONE_YEAR, false, 0, false, null,
                null, SameSite.LAX);
        ctx.cookie(cookie);
        String back = ctx.queryParam("next") != null ? localPath(ctx.queryParam("next")) : Errors.sameSitePage(ctx);
        ctx.redirect(back == null ? "/" : back, HttpStatus.SEE_OTHER);
    }

    /** A path on this server to go back to; anything else (another site, a scheme-relative address) goes home. */
    static String localPath(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.chars().anyMatch(ch -> ch < 0x20)) {
            return "/";
        }
        return next;
    }
}
