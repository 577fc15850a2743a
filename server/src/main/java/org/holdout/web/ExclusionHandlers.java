package org.holdout.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.holdout.account.AccountRepository;
import org.holdout.competition.Competition;
import org.holdout.exclusion.Exclusion;
import org.holdout.exclusion.ExclusionService;

/**
 * Exclusions for staff: the page {@code /staff/exclusions} with its forms, and {@code GET/POST
 * /api/staff/exclusions}, {@code DELETE /api/staff/exclusions/{id}} (or {@code POST …/{id}/lift}) to lift one.
 */
public final class ExclusionHandlers {
    private static final String REASON = "reason";

    private final ExclusionService exclusions;
    private final AccountRepository accounts;

    public ExclusionHandlers(ExclusionService exclusions, AccountRepository accounts) {
        this.exclusions = exclusions;
        this.accounts = accounts;
    }

    public void page(Context ctx) {
        render(ctx, null, ctx.queryParam("done"));
    }

    public void excludeForm(Context ctx) {
        Competition c = Web.competition(ctx);
        String submission = ctx.formParam("submission");
        String username = ctx.formParam("username");
        try {
            Long id = blank(submission) ? null : id(submission, "submission");
            Exclusion e = exclusions.exclude(c, Web.account(ctx), id, blank(username) ? null : username,
                    ctx.formParam(REASON));
            ctx.redirect(Web.base(ctx) + "/staff/exclusions?done=excluded-" + e.id(), HttpStatus.SEE_OTHER);
        } catch (ExclusionService.Refused e) {
            ctx.status(e.status());
            render(ctx, e.getMessage(), null);
        } catch (BadRequestResponse e) {
            ctx.status(400);
            render(ctx, e.getMessage(), null);
        }
    }

    public void liftForm(Context ctx) {
        Competition c = Web.competition(ctx);
        try {
            Exclusion e = exclusions.lift(c, Web.account(ctx), pathId(ctx), ctx.formParam(REASON));
            ctx.redirect(Web.base(ctx) + "/staff/exclusions?done=lifted-" + e.id(), HttpStatus.SEE_OTHER);
        } catch (ExclusionService.Refused e) {
            ctx.status(e.status());
            render(ctx, e.getMessage(), null);
        }
    }

    public void api(Context ctx) {
        Competition c = Web.competition(ctx);
        Map<Long, AccountRepository.Name> names = accounts.names();
        ctx.json(Map.of("exclusions", exclusions.repository().all(c.id()).stream().map(e -> json(c, e, names))
                .toList()));
    }

    /** {@code {"submission": id, "reason": "…"}} or {@code {"username": "…", "reason": "…"}}: 201 with the exclusion. */
    public void apiExclude(Context ctx) {
        Competition c = Web.competition(ctx);
        Map<?, ?> body = body(ctx, "{\"submission\": 17, \"reason\": \"…\"} or {\"username\": \"ann\", \"reason\":"
                + " \"…\"}");
        Object submission = body.get("submission");
        Object username = body.get("username");
        if (submission != null && !(submission instanceof Number n && n.doubleValue() == n.longValue())) {
            throw new BadRequestResponse("\"submission\" must be a submission id (a whole number).");
        }
        Long id = submission == null ? null : ((Number) submission).longValue();
        if (username != null && !(username instanceof String)) {
            throw new BadRequestResponse("\"username\" must be a string.");
        }
        Exclusion e = refusedAsError(() -> exclusions.exclude(c, Web.account(ctx), id, (String) username,
                reason(body)));
        ctx.status(201).json(json(c, e, accounts.names()));
    }

    /** Lifts one: {@code {"reason": "…"}}. */
    public void apiLift(Context ctx) {
        Competition c = Web.competition(ctx);
        long id = pathId(ctx);
        Map<?, ?> body = body(ctx, "{\"reason\": \"…\"}");
        Exclusion e = refusedAsError(() -> exclusions.lift(c, Web.account(ctx), id, reason(body)));
        ctx.json(json(c, e, accounts.names()));
    }

    private static String reason(Map<?, ?> body) {
        Object r = body.get(REASON);
        if (r != null && !(r instanceof String)) {
            throw new BadRequestResponse("\"reason\" must be a string.");
        }
        return (String) r;
    }

    private static Map<?, ?> body(Context ctx, String example) {
        Map<?, ?> body;
        String notJson = "";
        try {
            body = ctx.body().isBlank() ? null : ctx.bodyAsClass(Map.class);
        } catch (Exception e) {
            body = null;
            notJson = Web.notJson(e);
        }
        if (body == null) {
            throw new BadRequestResponse("Send a JSON object like " + example + "." + notJson);
        }
        return body;
    }

    private static <T> T refusedAsError(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (ExclusionService.Refused e) {
            throw new io.javalin.http.HttpResponseException(e.status(), e.getMessage());
        }
    }

    private static long pathId(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new NotFoundResponse("There is no exclusion " + shortened(ctx.pathParam("id")) + ".");
        }
    }

    private static long id(String text, String field) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new BadRequestResponse("\"" + field + "\": \"" + shortened(text) + "\" is not a submission id.");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String shortened(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    private static Map<String, Object> json(Competition c, Exclusion e, Map<Long, AccountRepository.Name> names) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("kind", e.ofSubmission() ? "submission" : "student");
        m.put("submission", e.submissionId());
        m.put("username", username(names, e.accountId()));
        m.put(REASON, e.reason());
        m.put("by", e.createdBy() == null ? null : username(names, e.createdBy()));
        m.put("at", e.created());
        m.put("active", e.active());
        m.put("liftedBy", e.liftedBy() == null ? null : username(names, e.liftedBy()));
        m.put("liftedAt", e.lifted());
        m.put("liftReason", e.liftReason());
        return m;
    }

    private static String username(Map<Long, AccountRepository.Name> names, long id) {
        AccountRepository.Name n = names.get(id);
        return n == null ? "account " + id : n.username();
    }

    private void render(Context ctx, String error, String done) {
        Competition c = Web.competition(ctx);
        Map<Long, AccountRepository.Name> names = accounts.names();
        List<Map<String, Object>> rows = exclusions.repository().all(c.id()).stream().map(e -> {
            Map<String, Object> m = json(c, e, names);
            m.put("atText", c.format(e.created()));
            m.put("liftedText", e.lifted() == null ? null : c.format(e.lifted()));
            return m;
        }).toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("competition", c);
        m.put("exclusions", rows);
        m.put("error", error);
        // only an exclusion's id goes into the notice: the address is anyone's to write
        boolean known = done != null && done.matches("(excluded|lifted)-\\d{1,18}");
        m.put("notice", !known ? null : done.startsWith("excluded-")
                ? Web.text(ctx, "exclusions.notice.excluded", done.substring(9))
                : Web.text(ctx, "exclusions.notice.lifted", done.substring(7)));
        m.put("submission", ctx.formParam("submission"));
        m.put("username", ctx.formParam("username"));
        m.put("active", "staff");
        Web.render(ctx, "exclusions", m);
    }
}
