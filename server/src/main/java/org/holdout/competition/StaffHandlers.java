package org.holdout.competition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UnprocessableContentResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.holdout.account.Account;
import org.holdout.account.AccountRepository;
import org.holdout.baselines.Tier;
import org.holdout.floors.CalibrationFloors;
import org.holdout.leaderboard.BaselineScore;
import org.holdout.leaderboard.BaselineService;
import org.holdout.leaderboard.Leaderboard;
import org.holdout.scoring.SubmissionRejectedException;
import org.holdout.submission.Submission;
import org.holdout.submission.SubmissionRepository;
import org.holdout.submission.SubmissionService;
import org.holdout.web.Uploads;
import org.holdout.web.Web;

/** The staff page and API: baselines (upload or type), training progress, all submissions, reveal. */
public final class StaffHandlers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CompetitionService competitions;
    private final BaselineService baselines;
    private final BaselineTraining training;
    private final FloorsCache floors;
    private final SubmissionRepository submissions;
    private final AccountRepository accounts;
    private final Uploads uploads;

    public StaffHandlers(CompetitionService competitions, BaselineService baselines, BaselineTraining training,
                         FloorsCache floors, SubmissionRepository submissions, AccountRepository accounts, Uploads uploads) {
        this.competitions = competitions;
        this.baselines = baselines;
        this.training = training;
        this.floors = floors;
        this.submissions = submissions;
        this.accounts = accounts;
        this.uploads = uploads;
    }

    /** The staff page; {@code ?done=<key>} (where a form that worked redirects to) adds that form's notice. */
    public void page(Context ctx) {
        page(ctx, notice(ctx.queryParam("done")), null);
    }

    /**
     * Post/Redirect/Get for a form that changed something: a 303 to the staff page with a key for its notice, so
     * reloading the page does not send the form again. A refused form is shown directly, with what was wrong.
     */
    private static void done(Context ctx, String key) {
        ctx.redirect(Web.base(ctx) + "/staff?done=" + key, HttpStatus.SEE_OTHER);
    }

    static String notice(String done) {
        if (done == null) {
            return null;
        }
        if (done.startsWith("baseline-")) {
            try {
                return "The " + Tier.parse(done.substring("baseline-".length())).id() + " baseline is registered.";
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        if (done.startsWith("training-")) {
            String what = done.substring("training-".length());
            if (what.equals("all")) {
                return "The baselines are queued for training; their progress is below.";
            }
            if (what.equals("busy")) {
                return "Nothing was added: those baselines are waiting or training already.";
            }
            try {
                return "The " + Tier.parse(what).id() + " baseline is queued for training; its progress is below.";
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return switch (done) {
            case "deadline" -> "The deadline is saved.";
            case "reveal" -> "The private scores are now visible to students.";
            default -> null;
        };
    }

    private void page(Context ctx, String notice, String error) {
        Competition c = Web.competition(ctx);
        Map<Tier, BaselineScore> scores = new HashMap<>();
        for (BaselineScore b : baselines.all(c)) {
            scores.put(b.tier(), b);
        }
        Map<Tier, BaselineTraining.Progress> progress = training.progress(c);
        FloorsCache.State floorState = floors.state(c);
        List<CalibrationFloors.Floor> floorList = floorState instanceof FloorsCache.Done d ? d.floors() : List.of();
        List<Map<String, Object>> tiers = new ArrayList<>();
        for (Tier t : Tier.values()) {
            BaselineScore b = scores.get(t);
            Map<String, Object> row = new HashMap<>();
            row.put("id", t.id());
            row.put("publicText", b == null ? "" : Leaderboard.fiveDecimals(b.publicAuc()));
            row.put("privateText", b == null ? "" : Leaderboard.fiveDecimals(b.privateAuc()));
            row.put("source", b == null ? "" : b.source());
            row.put("warning", b == null || b.publicAuc() == null ? null : belowFloor(b.publicAuc(), floorList));
            row.put("progress", progress.get(t).text());
            row.put("curve", training.curve(c, t).isPresent());
            tiers.add(row);
        }
        Map<Long, String> names = new HashMap<>();
        for (Account a : accounts.all()) {
            names.put(a.id(), a.username());
        }
        List<Map<String, Object>> recent = new ArrayList<>();
        for (Submission s : submissions.ofCompetition(c.id())) {
            if (recent.size() >= 50) {
                break;
            }
            Map<String, Object> r = new HashMap<>();
            r.put("id", s.id());
            r.put("who", names.getOrDefault(s.accountId(), "?"));
            r.put("time", SubmissionService.format(s.received(), c));
            r.put("file", s.fileName());
            r.put("state", s.state().label());
            r.put("publicText", Leaderboard.fiveDecimals(s.publicAuc()));
            r.put("privateText", Leaderboard.fiveDecimals(s.privateAuc()));
            r.put("message", s.message() == null ? "" : s.message());
            recent.add(r);
        }
        Map<String, Object> m = new HashMap<>();
        m.put("competition", c);
        m.put("deadline", c.deadline() == null ? "none" : SubmissionService.format(c.deadline(), c));
        m.put("deadlineInput", c.deadline() == null ? "" : java.time.LocalDateTime.ofInstant(c.deadline(),
                c.timeZone()).toString());
        m.put("tiers", tiers);
        m.put("floors", floorList.stream().map(f -> Map.of("label", f.label(), "id", f.id(),
                "publicText", Leaderboard.fiveDecimals(f.publicAuc()),
                "privateText", Leaderboard.fiveDecimals(f.privateAuc()))).toList());
        m.put("floorsStatus", floorState instanceof FloorsCache.Failed f ? "The floors could not be computed: "
                + f.message() : floorState instanceof FloorsCache.Computing ? "The floors are being computed…" : null);
        m.put("trainingQueue", training.queue());
        m.put("recent", recent);
        m.put("total", submissions.count(c.id()));
        m.put("notice", notice);
        m.put("error", error);
        if (error != null && ctx.status().getCode() < 400) {
            ctx.status(422);
        }
        Web.render(ctx, "staff", m);
    }

    /** "below the pca-40 floor 0.98444: …" when the best floor's Public AUC is above {@code publicAuc}, else null. */
    static String belowFloor(double publicAuc, List<CalibrationFloors.Floor> floors) {
        return floors.stream().max(java.util.Comparator.comparingDouble(CalibrationFloors.Floor::publicAuc))
                .filter(best -> publicAuc < best.publicAuc())
                .map(best -> "below the " + best.id() + " floor " + Leaderboard.fiveDecimals(best.publicAuc())
                        + ": a trivial method beats this threshold")
                .orElse(null);
    }

    public void baselineForm(Context ctx) {
        Competition c = Web.competition(ctx);
        Tier tier = tier(ctx);
        try {
            io.javalin.http.UploadedFile file = ctx.contentType() != null
                    && ctx.contentType().startsWith("multipart/form-data")
                    ? Uploads.multipart(ctx, () -> ctx.uploadedFile("file")) : null;
            if (file != null && file.size() > 0) {
                Uploads.Upload up = uploads.read(ctx);
                baselines.upload(c, tier, up.bytes(), "upload");
            } else {
                Double pub = number(ctx.formParam("public"), "public");
                Double priv = number(ctx.formParam("private"), "private");
                if (pub == null && priv == null) {
                    page(ctx, null, "Nothing was changed for the " + tier.id() + " baseline: choose its submission"
                            + " file or type its public and private scores.");
                    return;
                }
                baselines.type(c, tier, pub, priv);
            }
        } catch (SubmissionRejectedException e) {
            page(ctx, null, "The " + tier.id() + " file was refused: " + e.getMessage());
            return;
        } catch (IllegalArgumentException e) {
            page(ctx, null, "The " + tier.id() + " baseline was not set: " + e.getMessage() + ".");
            return;
        }
        done(ctx, "baseline-" + tier.id());
    }

    /** The form's {@code tier}: one tier, or {@code all}; queued for a training in a child process. */
    public void trainForm(Context ctx) {
        Competition c = Web.competition(ctx);
        String asked = ctx.formParam("tier");
        List<Tier> tiers;
        try {
            tiers = asked == null || asked.equals("all") ? List.of(Tier.values()) : List.of(Tier.parse(asked));
        } catch (IllegalArgumentException e) {
            ctx.status(400);
            page(ctx, null, "Nothing was queued: " + e.getMessage() + " (or all).");
            return;
        }
        List<Tier> queued = training.train(c, tiers);
        done(ctx, queued.isEmpty() ? "training-busy" : tiers.size() > 1 ? "training-all"
                : "training-" + tiers.get(0).id());
    }

    /** The training curve the baseline's child process draws, redrawn after every epoch. */
    public void curve(Context ctx) throws java.io.IOException {
        Competition c = Web.competition(ctx);
        Tier tier = tier(ctx);
        java.nio.file.Path p = training.curve(c, tier).orElseThrow(() -> new NotFoundResponse(
                "The " + tier.id() + " baseline has no training curve yet."));
        ctx.contentType("image/png").result(java.nio.file.Files.readAllBytes(p));
    }

    public void baselineUpload(Context ctx) {
        Competition c = Web.competition(ctx);
        Tier tier = tier(ctx);
        Uploads.Upload up = uploads.read(ctx);
        try {
            ctx.json(json(baselines.upload(c, tier, up.bytes(), "upload")));
        } catch (SubmissionRejectedException e) {
            throw new UnprocessableContentResponse(e.getMessage());
        }
    }

    public void baselineType(Context ctx) {
        Competition c = Web.competition(ctx);
        Tier tier = tier(ctx);
        JsonNode body;
        try {
            body = JSON.readTree(ctx.body());
        } catch (Exception e) {
            throw new BadRequestResponse("Send JSON like {\"public\": 0.81, \"private\": 0.80}.");
        }
        if (body == null || !body.isObject()) {
            throw new BadRequestResponse("Send JSON like {\"public\": 0.81, \"private\": 0.80}.");
        }
        Double pub;
        Double priv;
        try {
            for (java.util.Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!name.equals("public") && !name.equals("private")) {
                    throw new IllegalArgumentException("unknown field \"" + name + "\"; send {\"public\": 0.81,"
                            + " \"private\": 0.80}");
                }
            }
            pub = jsonNumber(body, "public");
            priv = jsonNumber(body, "private");
            BaselineService.check(pub, "public");
            BaselineService.check(priv, "private");
            for (String field : new String[] {"public", "private"}) {
                if (!body.has(field)) {
                    throw new IllegalArgumentException("\"" + field + "\" is missing; send both scores, with"
                            + " null for one you want to clear");
                }
            }
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
        baselines.type(c, tier, pub, priv);
        ctx.json(json(baselines.all(c).stream().filter(b -> b.tier() == tier).findFirst().orElseThrow()));
    }

    public void revealApi(Context ctx) {
        Competition c = Web.competition(ctx);
        String refusal = CompetitionService.cannotReveal(c, baselines.clock().instant());
        if (refusal != null) {
            throw new ConflictResponse(refusal);
        }
        competitions.repository().reveal(c.id(), Web.account(ctx).username(), baselines.clock().instant());
        ctx.json(Map.of("privateRevealed", true));
    }

    public void revealForm(Context ctx) {
        Competition c = Web.competition(ctx);
        String refusal = CompetitionService.cannotReveal(c, baselines.clock().instant());
        if (refusal != null) {
            ctx.status(409);
            page(ctx, null, refusal);
            return;
        }
        competitions.repository().reveal(c.id(), Web.account(ctx).username(), baselines.clock().instant());
        done(ctx, "reveal");
    }

    /** {@code {"deadline": "2026-06-01T23:59:59+08:00"}} (any ISO-8601 offset time) or {@code null} for none. */
    public void deadlineApi(Context ctx) {
        Competition c = Web.competition(ctx);
        JsonNode body;
        try {
            body = JSON.readTree(ctx.body());
        } catch (Exception e) {
            body = null;
        }
        if (body == null || !body.isObject() || !body.has("deadline")) {
            throw new BadRequestResponse("Send JSON like {\"deadline\": \"2026-06-01T23:59:59+08:00\"} or"
                    + " {\"deadline\": null}.");
        }
        JsonNode value = body.get("deadline");
        if (!value.isNull() && !value.isTextual()) {
            throw new BadRequestResponse("\"deadline\" must be a string like \"2026-06-01T23:59:59+08:00\", or null for"
                    + " none.");
        }
        java.time.Instant deadline;
        try {
            deadline = DeadlineInput.parse(value.isNull() ? null : value.asText(), c.timeZone());
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
        String refusal = CompetitionService.cannotSetDeadline(c, deadline, baselines.clock().instant());
        if (refusal != null) {
            throw new ConflictResponse(refusal);
        }
        competitions.repository().setDeadline(c.id(), deadline, Web.account(ctx).username(),
                baselines.clock().instant());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deadline", deadline);
        ctx.json(m);
    }

    public void deadlineForm(Context ctx) {
        Competition c = Web.competition(ctx);
        java.time.Instant deadline;
        try {
            deadline = DeadlineInput.parse(ctx.formParam("deadline"), c.timeZone());
        } catch (IllegalArgumentException e) {
            ctx.status(400);
            page(ctx, null, e.getMessage());
            return;
        }
        String refusal = CompetitionService.cannotSetDeadline(c, deadline, baselines.clock().instant());
        if (refusal != null) {
            ctx.status(409);
            page(ctx, null, refusal);
            return;
        }
        competitions.repository().setDeadline(c.id(), deadline, Web.account(ctx).username(),
                baselines.clock().instant());
        done(ctx, "deadline");
    }

    public void baselinesApi(Context ctx) {
        Competition c = Web.competition(ctx);
        ctx.json(baselines.all(c).stream().map(StaffHandlers::json).toList());
    }

    /** {@code {"state": "computing"|"done"|"failed", "floors": [...], "message": ...}}. */
    public void floorsApi(Context ctx) {
        FloorsCache.State state = floors.state(Web.competition(ctx));
        Map<String, Object> m = new LinkedHashMap<>();
        if (state instanceof FloorsCache.Done d) {
            m.put("state", "done");
            m.put("floors", d.floors().stream().map(f -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", f.id());
                row.put("label", f.label());
                row.put("public", f.publicAuc());
                row.put("private", f.privateAuc());
                row.put("seconds", f.seconds());
                row.put("note", f.note());
                return row;
            }).toList());
        } else if (state instanceof FloorsCache.Failed f) {
            m.put("state", "failed");
            m.put("message", f.message());
        } else {
            m.put("state", "computing");
        }
        ctx.json(m);
    }

    private static Map<String, Object> json(BaselineScore b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tier", b.tier().id());
        m.put("public", b.publicAuc());
        m.put("private", b.privateAuc());
        m.put("source", b.source());
        m.put("updated", b.updated());
        return m;
    }

    private static Tier tier(Context ctx) {
        try {
            return Tier.parse(ctx.pathParam("tier"));
        } catch (IllegalArgumentException e) {
            throw new NotFoundResponse(e.getMessage());
        }
    }

    private static Double number(String s, String which) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the " + which + " score \"" + s + "\" is not a number");
        }
    }

    private static Double jsonNumber(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isNumber()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a number from 0 to 1");
        }
        return n.asDouble();
    }
}
