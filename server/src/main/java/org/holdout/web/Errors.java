package org.holdout.web;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.JavalinDefaultRouting;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every error answer: JSON {@code {"error", "status"}} under /api, a friendly page elsewhere. Only real failures are 500. */
public final class Errors {
    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);
    private static final String DONE = "holdout.errorDone";

    private final long maxUploadBytes;

    public Errors(long maxUploadBytes) {
        this.maxUploadBytes = maxUploadBytes;
    }

    /**
     * Registers the error answers; {@code identify} finds who is logged in for an error page on an address
     * that matched no route (no access check ran there, and the page would otherwise offer to log in).
     */
    public void register(JavalinDefaultRouting r, Consumer<Context> identify) {
        r.exception(HttpResponseException.class, (e, ctx) -> {
            knowWho(ctx, identify);
            respond(ctx, e.getStatus(), message(ctx, e));
        });
        r.exception(Exception.class, (e, ctx) -> {
            if (isTooLarge(e)) {
                // the CSRF check reads the multipart body before the route runs, so an oversized form upload
                // ends here: still show who is logged in, not "Log in"
                knowWho(ctx, identify);
                respond(ctx, 413, tooLargeMessage(LocalizedThymeleaf.locale(ctx)));
            } else {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                respond(ctx, 500, Web.text(ctx, "error.message.500.retry"));
            }
        });
        for (int status : new int[] {400, 401, 403, 404, 405, 413, 429, 500}) {
            r.error(status, "*", ctx -> {
                if (ctx.attribute(DONE) == null && ctx.resultInputStream() == null) {
                    knowWho(ctx, identify);
                    respond(ctx, status, defaultMessage(ctx, status));
                }
            });
        }
    }

    private static void knowWho(Context ctx, Consumer<Context> identify) {
        if (!Web.isApi(ctx) && ctx.attribute(Web.ACCOUNT) == null) {
            try {
                identify.accept(ctx);
            } catch (RuntimeException e) {
                LOG.warn("cannot look up the session for an error page", e);
            }
        }
    }

    public String tooLargeMessage(Locale locale) {
        return Messages.text(locale, "error.tooLarge", human(maxUploadBytes));
    }

    public static void respond(Context ctx, int status, String message) {
        ctx.attribute(DONE, Boolean.TRUE);
        ctx.status(status);
        if (Web.isApi(ctx)) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", message);
            body.put("status", status);
            ctx.json(body);
        } else {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("status", status);
            model.put("message", message);
            model.put("heading", localizedHeading(ctx, status));
            model.put("active", "error");
            model.put("back", sameSitePage(ctx));
            try {
                Web.render(ctx, "error", model);
            } catch (RuntimeException e) {
                LOG.error("cannot render the error page", e);
                ctx.contentType("text/plain; charset=utf-8").result(status + " " + message);
            }
        }
    }

    /** The page the user came from (a form they can try again), when the Referer is on this site; else null. */
    static String sameSitePage(Context ctx) {
        String referer = ctx.header("Referer");
        String origin = ctx.scheme() + "://" + ctx.host();
        if (referer == null || !referer.startsWith(origin + "/")) {
            return null;
        }
        String path = referer.substring(origin.length());
        if (path.startsWith("//") || path.chars().anyMatch(ch -> ch <= ' ' || ch == 0x7f || ch == '\\')
                || path.equals(ctx.path()) && ctx.method() == io.javalin.http.HandlerType.GET) {
            return null;
        }
        return path;
    }

    private static String message(Context ctx, HttpResponseException e) {
        String allowed = e.getDetails().get("availableMethods");
        if (e.getStatus() == 405 && allowed != null) {
            String methods = allowed.replaceAll("[\\[\\]]", "").replace(", ", " " + Web.text(ctx, "error.or") + " ");
            return Web.text(ctx, allowed.contains("POST") && !Web.isApi(ctx) ? "error.message.405.form"
                    : "error.message.405.allowed", methods, ctx.method());
        }
        String m = e.getMessage();
        if (m == null || m.isBlank() || m.startsWith("Endpoint ") || m.equals("Not Found")
                || m.equalsIgnoreCase(heading(e.getStatus()))) {
            return defaultMessage(ctx, e.getStatus());
        }
        return m;
    }

    private static String defaultMessage(Context ctx, int status) {
        return switch (status) {
            case 400, 401, 403, 413, 429 -> Web.text(ctx, "error.message." + status);
            case 404 -> Web.text(ctx, "error.message.404", ctx.path());
            case 405 -> Web.text(ctx, "error.message.405", ctx.method());
            default -> Web.text(ctx, "error.message.500");
        };
    }

    /** The error page's heading in the page's language. */
    static String localizedHeading(Context ctx, int status) {
        String key = "error.heading." + status;
        try {
            return Messages.text(LocalizedThymeleaf.locale(ctx), key);
        } catch (java.util.MissingResourceException e) {
            return Messages.text(LocalizedThymeleaf.locale(ctx), status < 500 ? "error.heading.other4xx"
                    : "error.heading.other5xx");
        }
    }

    static String heading(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Please log in";
            case 403 -> "Not allowed";
            case 404 -> "Page not found";
            case 405 -> "Method not allowed";
            case 409 -> "Not possible now";
            case 413 -> "File too large";
            case 414 -> "Address too long";
            case 415 -> "Unsupported upload";
            case 422 -> "File refused";
            case 429 -> "Daily limit reached";
            case 431 -> "Headers too large";
            case 505 -> "HTTP version not supported";
            default -> status < 500 ? "Bad request" : "Server error";
        };
    }

    /** Jetty reports an oversized multipart body as an IllegalStateException somewhere down the cause chain. */
    static boolean isTooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpResponseException h && h.getStatus() == 413) {
                return true;
            }
            String m = t.getMessage();
            if (m != null) {
                String l = m.toLowerCase(Locale.ROOT);
                if (l.contains("exceeds max") || l.contains("too large") || l.contains("max file size")
                        || l.contains("maxrequestsize") || l.contains("maxfilesize")) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    public static String human(long bytes) {
        if (bytes >= 1024 * 1024) {
            return String.format(Locale.ROOT, "%.0f MB", bytes / (1024.0 * 1024));
        }
        if (bytes >= 1024) {
            return String.format(Locale.ROOT, "%.0f KB", bytes / 1024.0);
        }
        return bytes + " bytes";
    }
}
