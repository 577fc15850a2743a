package org.holdout.web;

import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import org.holdout.account.Account;
import org.holdout.competition.Competition;

/** What handlers need from a request beyond Javalin: the logged-in account, and rendering with the layout model. */
public final class Web {
    public static final String ACCOUNT = "holdout.account";
    public static final String CSRF = "holdout.csrf";
    public static final String LAYOUT = "holdout.layout";
    public static final String COMPETITION = "holdout.competition";
    public static final String BASE = "holdout.base";
    /** Every competition, as a page request's layout read them; {@link CompetitionScope} resolves from the same list. */
    public static final String ALL_COMPETITIONS = "holdout.competitions";

    private Web() {
    }

    /** The logged-in account; set by {@link Access} on every route that needs one. */
    public static Account account(Context ctx) {
        return ctx.attribute(ACCOUNT);
    }

    /** The competition the request is about; set by {@link CompetitionScope} on every competition's route. */
    public static Competition competition(Context ctx) {
        return ctx.attribute(COMPETITION);
    }

    /**
     * Where the links of a competition's pages start: {@code /c/<slug>}, or {@code ""} (the routes without a slug)
     * while the server has one competition and the request did not name it.
     */
    public static String base(Context ctx) {
        String base = ctx.attribute(BASE);
        return base == null ? "" : base;
    }

    /**
     * Where a request body that is not JSON at all breaks, as a sentence to add to the answer (" The body is not JSON:
     * unexpected end-of-input at line 1, column 18."), or "" for JSON of another shape, which the answer's example explains.
     */
    static String notJson(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.JsonParseException p) {
                String what = p.getOriginalMessage() == null ? "" : p.getOriginalMessage().strip();
                int colon = what.indexOf(':');
                what = colon > 0 ? what.substring(0, colon) : what;
                what = what.isEmpty() ? "it cannot be read" : Character.toLowerCase(what.charAt(0)) + what.substring(1);
                com.fasterxml.jackson.core.JsonLocation at = p.getLocation();
                return " The body is not JSON: " + what + (at != null && at.getLineNr() > 0 ? " at line "
                        + at.getLineNr() + ", column " + at.getColumnNr() : "") + ".";
            }
        }
        return "";
    }

    public static boolean isApi(Context ctx) {
        return isApi(ctx.path());
    }

    public static boolean isApi(String path) {
        return path.startsWith("/api/") || path.equals("/api");
    }

    /** The site's message {@code key} in the request's language (the switch's cookie, else Accept-Language). */
    public static String text(Context ctx, String key, Object... args) {
        return Messages.text(LocalizedThymeleaf.locale(ctx), key, args);
    }

    /** A submission's message in the request's language; as stored (English) when it was stored without its key. */
    public static String message(Context ctx, org.holdout.submission.Submission s) {
        org.holdout.submission.StoredMessage m = s.storedMessage();
        return m == null ? s.message() : message(LocalizedThymeleaf.locale(ctx), m);
    }

    static String message(java.util.Locale locale, org.holdout.submission.StoredMessage m) {
        org.holdout.scoring.Refusal r = m.refusal();
        if (r != null) {
            return r.in(locale);
        }
        try {
            return Messages.text(locale, m.key(), m.args().stream().map(String::valueOf).toArray());
        } catch (java.util.MissingResourceException e) {
            return m.english();
        }
    }

    /** Renders {@code template} with {@code model} plus the layout's: who is logged in, the CSRF token, the title. */
    public static void render(Context ctx, String template, Map<String, ?> model) {
        Map<String, Object> m = new HashMap<>(model);
        Map<String, Object> layout = ctx.attribute(LAYOUT);
        if (layout != null) {
            layout.forEach(m::putIfAbsent);
        }
        m.put("me", account(ctx));
        m.put("csrf", ctx.attribute(CSRF));
        String lang = LocalizedThymeleaf.locale(ctx).toLanguageTag();
        String other = lang.equals("zh-TW") ? "en" : "zh-TW";
        m.put("lang", lang);
        m.put("otherLang", other);
        m.put("languageSwitch", "/language/" + other);
        m.putIfAbsent("active", template);
        ctx.render(template, m);
    }
}
