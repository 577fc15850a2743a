package org.holdout.web;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers on every answer. The pages use only the stylesheet and images of this site, no inline style or script,
 * so the Content-Security-Policy allows nothing else; no other site may frame a page (clickjacking). Nothing but the
 * files under {@code /static/} may be stored by a browser or proxy: every page and API answer may hold someone's
 * scores, token or name, and a shared computer's cache or back button must not show them to the next person.
 */
public final class SecurityHeaders {
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self';"
            + " script-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    static final String STATIC = "/static/";

    private SecurityHeaders() {
    }

    /** The headers for an answer to {@code path}; a handler may still set a longer-lived Cache-Control of its own. */
    public static Map<String, String> forPath(String path) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        h.put("X-Frame-Options", "DENY");
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Referrer-Policy", "same-origin");
        if (path == null || !path.startsWith(STATIC)) {
            h.put("Cache-Control", "no-store");
        }
        return h;
    }

    public static void apply(Context ctx) {
        forPath(ctx.path()).forEach(ctx::header);
    }
}
