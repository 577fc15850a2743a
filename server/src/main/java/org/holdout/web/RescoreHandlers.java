package org.holdout.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.holdout.competition.Competition;
import org.holdout.rescore.Rescore;
import org.holdout.rescore.RescorePreview;
import org.holdout.submission.ScoreText;

/**
 * Rescoring a competition against a corrected solution.csv, for staff: the page ({@code /staff/rescore}: upload, the
 * diff, Apply with a reason, Cancel) and the API ({@code PUT /api/staff/rescore/solution} previews,
 * {@code POST /api/staff/rescore/{id}/apply} applies, {@code DELETE /api/staff/rescore/{id}} cancels).
 */
public final class RescoreHandlers {
    static final int ROWS_SHOWN = 500;

    private final Rescore rescore;

    public RescoreHandlers(Rescore rescore) {
        this.rescore = rescore;
    }

    // ---- the page

    public void page(Context ctx) {
        String id = ctx.queryParam("preview");
        RescorePreview p = null;
        String error = null;
        if (id != null) {
            p = rescore.find(Web.competition(ctx), id).orElse(null);
            if (p == null) {
                error = Web.text(ctx, "rescore.notFound", id);
                ctx.status(404);
            }
        }
        render(ctx, p, null, error, "");
    }

    public void uploadForm(Context ctx) throws IOException {
        Competition c = Web.competition(ctx);
        UploadedFile f = Uploads.multipart(ctx, () -> ctx.uploadedFile("file"));
        if (f == null || f.size() == 0) {
            ctx.status(400);
            render(ctx, null, null, Web.text(ctx, "rescore.choose"), "");
            return;
        }
        RescorePreview p;
        try (InputStream in = f.content()) {
            p = rescore.preview(c, in, f.size());
        } catch (Rescore.Refused e) {
            ctx.status(e.status());
            render(ctx, null, null, e.getMessage(), "");
            return;
        }
        ctx.redirect(Web.base(ctx) + "/staff/rescore?preview=" + p.id(), HttpStatus.SEE_OTHER);
    }

    public void applyForm(Context ctx) throws IOException {
        Competition c = Web.competition(ctx);
        String id = ctx.pathParam("id");
        String reason = ctx.formParam("reason");
        try {
            Rescore.Applied a = rescore.apply(c, id, reason, Web.account(ctx).username());
            render(ctx, null, a, null, "");
        } catch (IllegalArgumentException e) {
            ctx.status(400);
            render(ctx, rescore.find(c, id).orElse(null), null, sentence(e.getMessage()), "");
        } catch (Rescore.Refused e) {
            ctx.status(e.status());
            render(ctx, null, null, e.getMessage(), "");
        }
    }

    public void cancelForm(Context ctx) throws IOException {
        try {
            rescore.cancel(Web.competition(ctx), ctx.pathParam("id"));
            render(ctx, null, null, null, Web.text(ctx, "rescore.cancelled"));
        } catch (Rescore.Refused e) {
            ctx.status(e.status());
            render(ctx, null, null, e.getMessage(), "");
        }
    }

    private static void render(Context ctx, RescorePreview p, Rescore.Applied applied, String error, String notice) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("preview", p == null ? null : view(p));
        m.put("applied", applied);
        m.put("error", error);
        m.put("notice", notice == null || notice.isEmpty() ? null : notice);
        m.put("active", "staff");
        Web.render(ctx, "rescore", m);
    }

    /** The preview as the page shows it: scores with five decimals and each change at full precision. */
    private static Map<String, Object> view(RescorePreview p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("labelsChanged", p.labelsChanged());
        m.put("usagesChanged", p.usagesChanged());
        m.put("changedRows", p.changedRows().subList(0, Math.min(ROWS_SHOWN, p.changedRows().size())));
        m.put("changedRowsMore", Math.max(0, p.changedRows().size() - ROWS_SHOWN));
        m.put("rescored", p.submissionsRescored());
        m.put("millis", p.millis());
        m.put("nothing", p.changesNothing());
        m.put("unrescored", p.unrescored());
        m.put("oldSha256", p.oldSha256());
        m.put("newSha256", p.newSha256());
        List<Map<String, Object>> subs = new ArrayList<>();
        for (RescorePreview.SubmissionChange s : p.submissions().subList(0, Math.min(ROWS_SHOWN,
                p.submissions().size()))) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", s.id());
            r.put("student", who(s.displayName(), s.username()));
            r.put("publicBefore", ScoreText.fiveDecimals(s.publicBefore()));
            r.put("publicAfter", ScoreText.fiveDecimals(s.publicAfter()));
            r.put("publicChange", change(s.publicBefore(), s.publicAfter()));
            r.put("privateBefore", ScoreText.fiveDecimals(s.privateBefore()));
            r.put("privateAfter", ScoreText.fiveDecimals(s.privateAfter()));
            r.put("privateChange", change(s.privateBefore(), s.privateAfter()));
            subs.add(r);
        }
        m.put("submissions", subs);
        m.put("submissionsChanged", p.submissions().size());
        m.put("submissionsMore", Math.max(0, p.submissions().size() - ROWS_SHOWN));
        List<Map<String, Object>> thresholds = new ArrayList<>();
        for (RescorePreview.ThresholdChange t : p.thresholds()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", t.name());
            r.put("source", t.source());
            r.put("publicBefore", ScoreText.fiveDecimals(t.publicBefore()));
            r.put("publicAfter", ScoreText.fiveDecimals(t.publicAfter()));
            r.put("publicChange", change(t.publicBefore(), t.publicAfter()));
            r.put("privateBefore", ScoreText.fiveDecimals(t.privateBefore()));
            r.put("privateAfter", ScoreText.fiveDecimals(t.privateAfter()));
            r.put("privateChange", change(t.privateBefore(), t.privateAfter()));
            thresholds.add(r);
        }
        m.put("thresholds", thresholds);
        List<Map<String, Object>> students = new ArrayList<>();
        for (RescorePreview.StudentChange s : p.students()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("student", who(s.displayName(), s.username()));
            r.put("publicScore", pair(ScoreText.fiveDecimals(s.before().publicScore()),
                    ScoreText.fiveDecimals(s.after().publicScore())));
            r.put("publicRank", pair(rank(s.before().publicRank()), rank(s.after().publicRank())));
            r.put("privateScore", pair(ScoreText.fiveDecimals(s.before().privateScore()),
                    ScoreText.fiveDecimals(s.after().privateScore())));
            r.put("privateRank", pair(rank(s.before().privateRank()), rank(s.after().privateRank())));
            r.put("pointsPublic", pair(points(s.before().pointsPublic()), points(s.after().pointsPublic())));
            r.put("pointsPrivate", pair(points(s.before().pointsPrivate()), points(s.after().pointsPrivate())));
            r.put("pointsTotal", pair(points(s.before().pointsTotal()), points(s.after().pointsTotal())));
            students.add(r);
        }
        m.put("students", students);
        return m;
    }

    private static String who(String displayName, String username) {
        return displayName == null ? String.valueOf(username) : displayName + " (" + username + ")";
    }

    /** "a → b", or just "a" when it stays. */
    private static String pair(String before, String after) {
        String b = before == null || before.isEmpty() ? "–" : before;
        String a = after == null || after.isEmpty() ? "–" : after;
        return b.equals(a) ? a : b + " → " + a;
    }

    private static String rank(Integer r) {
        return r == null ? "–" : String.valueOf(r);
    }

    private static String points(double p) {
        return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
    }

    /** The difference at full precision, signed; empty when the score stays. */
    static String change(Double before, Double after) {
        if (before == null || after == null) {
            return before == null && after == null ? "" : "changed";
        }
        double d = after - before;
        if (before.equals(after)) {
            return "";
        }
        return String.format(Locale.ROOT, "%+.10f", d).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    // ---- the API

    /** {@code PUT …/rescore/solution}: the body is the new solution.csv; 201 with the preview. */
    public void putApi(Context ctx) throws IOException {
        RescorePreview p;
        try (InputStream in = ctx.req().getInputStream()) {
            p = rescore.preview(Web.competition(ctx), in, ctx.req().getContentLengthLong());
        } catch (Rescore.Refused e) {
            throw new HttpResponseException(e.status(), e.getMessage());
        }
        ctx.status(201).json(json(Web.competition(ctx), p));
    }

    public void getApi(Context ctx) {
        Competition c = Web.competition(ctx);
        String id = ctx.pathParam("id");
        ctx.json(json(c, rescore.find(c, id).orElseThrow(() -> new NotFoundResponse("There is no rescore preview "
                + id + " of " + c.slug() + " on this server."))));
    }

    /** {@code POST …/rescore/{id}/apply} with {@code {"reason": "…"}}. */
    public void applyApi(Context ctx) throws IOException {
        String reason = reason(ctx);
        try {
            Rescore.Applied a = rescore.apply(Web.competition(ctx), ctx.pathParam("id"), reason,
                    Web.account(ctx).username());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", a.id());
            m.put("applied", true);
            m.put("submissionsChanged", a.submissionsChanged());
            m.put("thresholdsChanged", a.thresholdsChanged());
            m.put("oldSha256", a.oldSha256());
            m.put("newSha256", a.newSha256());
            m.put("oldSolutionKeptAs", a.keptAs());
            ctx.json(m);
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(sentence(e.getMessage()));
        } catch (Rescore.Refused e) {
            throw new HttpResponseException(e.status(), e.getMessage());
        }
    }

    public void cancelApi(Context ctx) throws IOException {
        try {
            rescore.cancel(Web.competition(ctx), ctx.pathParam("id"));
        } catch (Rescore.Refused e) {
            throw new HttpResponseException(e.status(), e.getMessage());
        }
        ctx.status(204);
    }

    private static String reason(Context ctx) {
        JsonNode body;
        String notJson = "";
        try {
            body = ctx.bodyAsClass(JsonNode.class);
        } catch (Exception e) {
            body = null;
            notJson = Web.notJson(e);
        }
        if (body == null || !body.isObject()) {
            throw new BadRequestResponse("Send JSON like {\"reason\": \"label of Id 17 was wrong\"}." + notJson);
        }
        JsonNode r = body.get("reason");
        if (r != null && !r.isNull() && !r.isTextual()) {
            throw new BadRequestResponse("\"reason\" must be text, not " + r.getNodeType().name().toLowerCase(
                    Locale.ROOT) + ".");
        }
        return r == null || r.isNull() ? null : r.asText();
    }

    private static String sentence(String s) {
        return s.endsWith(".") ? s : s + ".";
    }

    static Map<String, Object> json(Competition c, RescorePreview p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("competition", c.slug());
        m.put("created", p.created());
        m.put("stagedSha256", p.stagedSha256());
        m.put("oldSha256", p.oldSha256());
        m.put("newSha256", p.newSha256());
        m.put("labelsChanged", p.labelsChanged());
        m.put("usagesChanged", p.usagesChanged());
        m.put("changedIds", p.changedRows());
        m.put("submissionsRescored", p.submissionsRescored());
        m.put("submissionsChanged", p.submissions().size());
        m.put("submissions", p.submissions());
        m.put("unrescored", p.unrescored());
        m.put("thresholds", p.thresholds());
        m.put("studentsChanged", p.students().size());
        m.put("students", p.students());
        m.put("changesNothing", p.changesNothing());
        m.put("millis", p.millis());
        return m;
    }
}
