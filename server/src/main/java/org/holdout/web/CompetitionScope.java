package org.holdout.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.List;
import java.util.Map;
import org.holdout.competition.Competition;
import org.holdout.competition.CompetitionService;

/**
 * Which competition a request is about, resolved once before its handler runs: {@code /c/{slug}/…},
 * {@code /api/c/{slug}/…} and {@code /api/staff/c/{slug}/…} name it; the same routes without a slug serve the
 * default competition (the first created). A competition the caller may not enter ({@link CompetitionService#mayEnter})
 * answers 404 as if it did not exist, except the landing page at {@code /}, which lists only those they may enter. Also
 * decides where the page's links lead ({@link Web#base}): within the competition being viewed, and to the routes
 * without a slug only while the server has just one competition.
 */
public final class CompetitionScope {
    public static final String SLUG = "slug";
    private static final String API = "/api/";
    private static final String STAFF_API = "/api/staff/";

    private final CompetitionService competitions;

    public CompetitionScope(CompetitionService competitions) {
        this.competitions = competitions;
    }

    /** {@code path} of a competition's route with the slug in it: {@code /data} is {@code /c/{slug}/data}. */
    public static String slugged(String path) {
        if (path.startsWith(STAFF_API)) {
            return STAFF_API + "c/{" + SLUG + "}/" + path.substring(STAFF_API.length());
        }
        if (path.startsWith(API)) {
            return API + "c/{" + SLUG + "}/" + path.substring(API.length());
        }
        return "/c/{" + SLUG + "}" + (path.equals("/") ? "" : path);
    }

    /** {@code handler}, run once the request's competition is known. */
    public Handler around(Handler handler) {
        return ctx -> {
            if (resolve(ctx)) {
                handler.handle(ctx);
            }
        };
    }

    /** True when the request named its competition by slug. */
    public static boolean named(Context ctx) {
        return ctx.pathParamMap().containsKey(SLUG);
    }

    /** Sets the request's competition and returns true, or answers a redirect and returns false. */
    private boolean resolve(Context ctx) {
        String slug = ctx.pathParamMap().get(SLUG);
        List<Competition> all = ctx.attribute(Web.ALL_COMPETITIONS);
        if (all == null) {
            all = competitions.repository().all();
        }
        Competition c;
        if (slug == null) {
            c = all.stream().findFirst().orElseThrow(() -> new IllegalStateException(
                    "no competition in the database; 'holdout serve' creates the default one"));
        } else {
            c = all.stream().filter(x -> x.slug().equals(slug)).findFirst().orElse(null);
            if (c == null) {
                Competition lower = all.stream().filter(x -> x.slug().equalsIgnoreCase(slug)).findFirst()
                        .filter(x -> competitions.mayEnter(Web.account(ctx), x)).orElse(null);
                String prefix = "/c/" + slug;
                if (lower != null && (ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD)
                        && ctx.path().startsWith(prefix)) {
                    // slugs are lowercase; an address typed in capitals from a slide leads to the page
                    String query = ctx.queryString();
                    ctx.redirect("/c/" + lower.slug() + ctx.path().substring(prefix.length())
                            + (query == null ? "" : "?" + query), HttpStatus.FOUND);
                    return false;
                }
                throw new NotFoundResponse(lower != null
                        ? Web.text(ctx, "scope.noCompetition.lowercase", shortened(slug), lower.slug())
                        : Web.text(ctx, "scope.noCompetition", shortened(slug)));
            }
        }
        if (!competitions.mayEnter(Web.account(ctx), c)) {
            if (slug == null && all.size() > 1 && ctx.path().equals("/")) {
                return true;
            }
            Map<String, Object> layout = ctx.attribute(Web.LAYOUT);
            if (layout != null) {
                layout.put("siteTitle", "Holdout");
                layout.put("base", null);
            }
            throw new NotFoundResponse(slug == null ? Web.text(ctx, "scope.noPage")
                    : Web.text(ctx, "scope.noCompetition", shortened(slug)));
        }
        String base = slug == null && all.size() == 1 ? "" : "/c/" + c.slug();
        ctx.attribute(Web.COMPETITION, c);
        ctx.attribute(Web.BASE, base);
        Map<String, Object> layout = ctx.attribute(Web.LAYOUT);
        if (layout != null) {
            layout.put("siteTitle", c.title());
            layout.put("base", base);
            layout.put("codeStep", c.codeDeadline() != null);
        }
        return true;
    }

    private static String shortened(String slug) {
        return slug.length() <= 80 ? slug : slug.substring(0, 80) + "…";
    }
}
