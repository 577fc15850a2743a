package org.holdout.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UnprocessableContentResponse;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.holdout.competition.Competition;
import org.holdout.competition.SettingsRules;
import org.holdout.scoring.SubmissionRejectedException;
import org.holdout.threshold.Threshold;
import org.holdout.threshold.ThresholdChange;
import org.holdout.threshold.ThresholdInput;
import org.holdout.threshold.ThresholdService;
import org.holdout.training.BaselineTraining;

/**
 * A competition's thresholds for staff: the JSON API ({@code /api/staff/thresholds/…}, and the older
 * {@code /api/staff/baselines/…} for scripts, on the same service), and the forms of the staff page's
 * {@link ThresholdSection}.
 */
public final class ThresholdHandlers {
    private static final String EXAMPLE = "{\"public\": 0.81, \"private\": 0.80}";

    private final ThresholdService thresholds;
    private final BaselineTraining training;
    private final Uploads uploads;
    private final StaffHandlers page;

    /** @param page the staff page, where a refused form is shown with what was wrong */
    public ThresholdHandlers(ThresholdService thresholds, BaselineTraining training, Uploads uploads,
                             StaffHandlers page) {
        this.thresholds = thresholds;
        this.training = training;
        this.uploads = uploads;
        this.page = page;
    }

    /** A threshold as the API shows it. */
    public record ThresholdJson(String name, @JsonProperty("public") Double publicScore,
                                @JsonProperty("private") Double privateScore, double pointsPublic,
                                double pointsPrivate, String source, String sha256, Instant updated) {
        static ThresholdJson of(Threshold t) {
            return new ThresholdJson(t.name(), t.publicScore(), t.privateScore(), t.pointsPublic(), t.pointsPrivate(),
                    t.source(), t.sha256(), t.updated());
        }
    }

    /** A threshold as {@code /api/staff/baselines} has shown it since the thresholds were the four tiers. */
    public record BaselineJson(String tier, @JsonProperty("public") Double publicScore,
                               @JsonProperty("private") Double privateScore, String source, Instant updated) {
        static BaselineJson of(Threshold t) {
            String source = Threshold.UPLOADED.equals(t.source()) ? "upload" : t.source();
            return new BaselineJson(t.name(), t.publicScore(), t.privateScore(), source, t.updated());
        }
    }

    /** The body of a PUT: both scores (null clears one), points optional. A missing field is null here. */
    public record ThresholdBody(@JsonProperty("public") JsonNode publicScore, @JsonProperty("private") JsonNode privateScore,
                         JsonNode pointsPublic, JsonNode pointsPrivate, JsonNode reason) {
    }

    public record HistoryJson(String name, String action, @JsonProperty("public") Double publicScore,
                              @JsonProperty("private") Double privateScore, double pointsPublic, double pointsPrivate,
                              String source, String sha256, String actor, Instant at) {
        static HistoryJson of(ThresholdChange h) {
            return new HistoryJson(h.name(), h.action(), h.publicScore(), h.privateScore(), h.pointsPublic(),
                    h.pointsPrivate(), h.source(), h.sha256(), h.actor(), h.at());
        }
    }

    // ---- the API

    public void list(Context ctx) {
        ctx.json(thresholds.all(id(ctx)).stream().map(ThresholdJson::of).toList());
    }

    public void history(Context ctx) {
        ctx.json(call(() -> thresholds.history(id(ctx), ctx.pathParam("name"))).stream().map(HistoryJson::of)
                .toList());
    }

    public void put(Context ctx) {
        ctx.json(ThresholdJson.of(type(ctx, ctx.pathParam("name"))));
    }

    public void upload(Context ctx) {
        byte[] bytes = uploads.read(ctx).bytes();
        String reason = Uploads.multipart(ctx, () -> ctx.formParam("reason"));
        ctx.json(ThresholdJson.of(call(() -> thresholds.upload(id(ctx), ctx.pathParam("name"), bytes, null, null,
                actor(ctx), reason))));
    }

    public void delete(Context ctx) {
        String name = ctx.pathParam("name");
        String reason = Reasons.ofBody(ctx);
        String inUse = SettingsRules.usedByReportRule(Web.competition(ctx).reportRule(), name);
        if (inUse != null) {
            throw new ConflictResponse(inUse);
        }
        call(() -> {
            thresholds.remove(id(ctx), name, actor(ctx), reason);
            return null;
        });
        ctx.status(204);
    }

    public void baselinesApi(Context ctx) {
        ctx.json(thresholds.all(id(ctx)).stream().filter(t -> t.source() != null).map(BaselineJson::of).toList());
    }

    public void baselineUpload(Context ctx) {
        String name = existing(ctx);
        byte[] bytes = uploads.read(ctx).bytes();
        ctx.json(BaselineJson.of(call(() -> thresholds.upload(id(ctx), name, bytes, null, null, actor(ctx), null))));
    }

    public void baselineType(Context ctx) {
        ctx.json(BaselineJson.of(type(ctx, existing(ctx))));
    }

    /** Types the scores and points of the request's body into the threshold {@code name}. */
    private Threshold type(Context ctx, String name) {
        ThresholdBody body = body(ctx);
        Double pub = score(body.publicScore(), "public");
        Double priv = score(body.privateScore(), "private");
        Double pointsPublic = points(body.pointsPublic(), "pointsPublic");
        Double pointsPrivate = points(body.pointsPrivate(), "pointsPrivate");
        String reason = Reasons.of(body.reason());
        return call(() -> thresholds.type(id(ctx), name, pub, priv, pointsPublic, pointsPrivate, actor(ctx),
                reason));
    }

    /** The {@code tier} of a baseline route: a threshold there is, else 404 (these routes never create one). */
    private String existing(Context ctx) {
        String name = ctx.pathParam("tier");
        if (thresholds.find(id(ctx), name).isEmpty()) {
            throw new NotFoundResponse("There is no baseline \"" + shortened(name) + "\"; the thresholds are "
                    + String.join(", ", thresholds.all(id(ctx)).stream().map(Threshold::name).toList()) + ".");
        }
        return name;
    }

    private static ThresholdBody body(Context ctx) {
        ThresholdBody body;
        try {
            body = ctx.bodyAsClass(ThresholdBody.class);
        } catch (Exception e) { // Jackson's exceptions are checked ones that Javalin's Kotlin code lets through
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof UnrecognizedPropertyException u) {
                    throw new BadRequestResponse("unknown field \"" + u.getPropertyName() + "\"; send " + EXAMPLE
                            + ", optionally with \"pointsPublic\", \"pointsPrivate\" and \"reason\".");
                }
            }
            throw new BadRequestResponse("Send JSON like " + EXAMPLE + "." + Web.notJson(e));
        }
        if (body == null) {
            throw new BadRequestResponse("Send JSON like " + EXAMPLE + ".");
        }
        return body;
    }

    /** A score field: present, and a number or null. */
    private static Double score(JsonNode value, String field) {
        if (value == null) {
            throw new BadRequestResponse("\"" + field + "\" is missing; send both scores, with null for one you want"
                    + " to clear");
        }
        if (value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new BadRequestResponse("\"" + field + "\" must be a number from 0 to 1, or null, not "
                    + shortened(value.toString()));
        }
        return call(() -> ThresholdInput.score(field, value.asDouble()));
    }

    /** A points field: absent or null (kept), or a number. */
    private static Double points(JsonNode value, String field) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new BadRequestResponse("\"" + field + "\" must be a number of points, not "
                    + shortened(value.toString()));
        }
        return call(() -> ThresholdInput.points(field, value.asDouble()));
    }

    private interface Call<T> {
        T run() throws SubmissionRejectedException;
    }

    /** Runs a service call, its refusals as 4xx answers: a broken rule 400, no such threshold 404, a bad file 422. */
    private static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (ThresholdInput.Invalid e) {
            throw new BadRequestResponse(e.getMessage() + ".");
        } catch (ThresholdService.NotFound e) {
            throw new NotFoundResponse(e.getMessage());
        } catch (SubmissionRejectedException e) {
            throw new UnprocessableContentResponse(e.getMessage());
        }
    }

    // ---- the staff page's forms

    /**
     * The form of one threshold's row: a file (scored as the threshold), or typed scores and points; a blank field
     * keeps what the threshold has.
     */
    public void setForm(Context ctx) {
        String name = ctx.pathParam("name");
        form(ctx, name, false);
    }

    /** The form that adds a threshold: its {@code name}, and optionally scores, points or a file. */
    public void addForm(Context ctx) {
        String name = ctx.formParam("name") == null ? "" : ctx.formParam("name").strip();
        form(ctx, name, true);
    }

    private void form(Context ctx, String name, boolean add) {
        Competition c = Web.competition(ctx);
        String shown = shortened(name);
        try {
            UploadedFile file = ctx.contentType() != null && ctx.contentType().startsWith("multipart/form-data")
                    ? Uploads.multipart(ctx, () -> ctx.uploadedFile("file")) : null;
            Double pointsPublic = formNumber(ctx, "pointsPublic", "points on the public board");
            Double pointsPrivate = formNumber(ctx, "pointsPrivate", "points on the private board");
            Double pub = formNumber(ctx, "public", "public score");
            Double priv = formNumber(ctx, "private", "private score");
            String reason = ctx.formParam("reason");
            if (add) {
                ThresholdInput.name(name);
                if (thresholds.find(c.id(), name).isPresent()) {
                    throw new ThresholdInput.Invalid("name", "there is a threshold \"" + name + "\" already; change"
                            + " it in its own row");
                }
            }
            if (file != null && file.size() > 0) {
                thresholds.upload(c.id(), name, uploads.read(ctx).bytes(), pointsPublic, pointsPrivate, actor(ctx),
                        reason);
            } else if (add) {
                thresholds.add(c.id(), name, pub, priv, pointsPublic, pointsPrivate, actor(ctx), reason);
            } else if (pub != null || priv != null) {
                Threshold now = thresholds.find(c.id(), name).orElseThrow(() -> new ThresholdService.NotFound(name));
                thresholds.type(c.id(), name, pub != null ? pub : now.publicScore(),
                        priv != null ? priv : now.privateScore(), pointsPublic, pointsPrivate, actor(ctx), reason);
            } else if (pointsPublic != null || pointsPrivate != null) {
                thresholds.points(c.id(), name, pointsPublic, pointsPrivate, actor(ctx), reason);
            } else {
                page.refused(ctx, "Nothing was changed for the threshold " + shown + ": choose its submission file,"
                        + " or type its scores or points.");
                return;
            }
        } catch (SubmissionRejectedException e) {
            page.refused(ctx, "The file for the threshold " + shown + " was refused: " + e.getMessage());
            return;
        } catch (ThresholdInput.Invalid e) {
            page.refused(ctx, "The threshold " + shown + " was not " + (add ? "added" : "set") + ": " + e.getMessage()
                    + ".");
            return;
        } catch (ThresholdService.NotFound e) {
            ctx.status(404);
            page.refused(ctx, e.getMessage());
            return;
        }
        StaffHandlers.done(ctx, "threshold-" + name);
    }

    public void removeForm(Context ctx) {
        String name = ctx.pathParam("name");
        String inUse = SettingsRules.usedByReportRule(Web.competition(ctx).reportRule(), name);
        if (inUse != null) {
            ctx.status(409);
            page.refused(ctx, "Nothing was removed: " + inUse);
            return;
        }
        try {
            thresholds.remove(id(ctx), name, actor(ctx), ctx.formParam("reason"));
        } catch (ThresholdInput.Invalid | ThresholdService.NotFound e) {
            ctx.status(404);
            page.refused(ctx, "Nothing was removed: " + e.getMessage());
            return;
        }
        StaffHandlers.done(ctx, "removed-" + name);
    }

    /** The form's {@code tier}: one reference baseline's name, or {@code all}; queued for a training in a child process. */
    public void trainForm(Context ctx) {
        Competition c = Web.competition(ctx);
        String asked = ctx.formParam("tier");
        List<String> names = asked == null || asked.equals("all") ? BaselineTraining.names() : List.of(asked);
        List<String> queued;
        try {
            queued = training.train(c, names);
        } catch (IllegalArgumentException e) {
            ctx.status(400);
            page.refused(ctx, "Nothing was queued: " + e.getMessage() + " (or all).");
            return;
        }
        StaffHandlers.done(ctx, queued.isEmpty() ? "training-busy" : names.size() > 1 ? "training-all"
                : "training-" + queued.get(0));
    }

    /** The training curve the baseline's child process draws, redrawn after every epoch. */
    public void curve(Context ctx) throws IOException {
        String name = ctx.pathParam("tier");
        Path p = training.curve(Web.competition(ctx), name).orElseThrow(() -> new NotFoundResponse(
                "The " + shortened(name) + " baseline has no training curve yet."));
        ctx.contentType("image/png").result(Files.readAllBytes(p));
    }

    /** A form's number, or null when the field is blank. */
    private static Double formNumber(Context ctx, String field, String what) {
        String s = ctx.formParam(field);
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(s.strip());
        } catch (NumberFormatException e) {
            throw new ThresholdInput.Invalid(field, "the " + what + " \"" + shortened(s) + "\" is not a number");
        }
    }

    private static long id(Context ctx) {
        return Web.competition(ctx).id();
    }

    private static String actor(Context ctx) {
        return Web.account(ctx).username();
    }

    private static String shortened(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
