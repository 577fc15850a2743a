package org.holdout.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.holdout.competition.Competition;
import org.holdout.competition.CompetitionCreation;
import org.holdout.competition.CompetitionCreation.Job;
import org.holdout.competition.CompetitionCreation.Snapshot;
import org.holdout.competition.CompetitionCreation.Step;
import org.holdout.competition.CompetitionSettings;
import org.holdout.competition.DeadlineInput;
import org.holdout.competition.FloorsCache;
import org.holdout.competition.StagedUploads;
import org.holdout.config.ServerConfig;

/**
 * Creating a competition while the server runs, for staff: the page, its plain form (files within the upload limit),
 * and the API the page's script and other scripts use: {@code PUT /api/staff/staging/{name}} streams one file to the
 * staging area, {@code POST /api/staff/competitions} starts the build, {@code GET /api/staff/competitions/jobs/{id}}
 * tells how it goes.
 */
public final class CompetitionCreationHandlers {
    private static final String JOB_PAGE = "/staff/competitions/jobs/";

    private final CompetitionCreation creation;
    private final FloorsCache floors;
    private final ServerConfig config;

    public CompetitionCreationHandlers(CompetitionCreation creation, FloorsCache floors, ServerConfig config) {
        this.creation = creation;
        this.floors = floors;
        this.config = config;
    }

    /** What the API and the form both send, as text; null fields take the defaults. */
    public record NewCompetition(String slug, String title, String timeZone, String dailyLimit, String deadline,
                                 String finalSelections, String train, String test, String labels, String bundle) {
    }

    public void page(Context ctx) {
        page(ctx, null, null);
    }

    private void page(Context ctx, NewCompetition entered, String error) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("slug", entered == null || entered.slug() == null ? "" : entered.slug());
        m.put("title", entered == null || entered.title() == null ? "" : entered.title());
        m.put("timeZone", entered == null || entered.timeZone() == null ? config.timeZone().getId()
                : entered.timeZone());
        m.put("dailyLimit", entered == null || entered.dailyLimit() == null ? String.valueOf(config.dailyLimit())
                : entered.dailyLimit());
        m.put("deadline", entered == null || entered.deadline() == null ? "" : entered.deadline());
        m.put("finalSelections", entered == null || entered.finalSelections() == null
                ? String.valueOf(Competition.DEFAULT_FINAL_SELECTIONS) : entered.finalSelections());
        m.put("formLimit", Errors.human(config.maxUploadBytes()));
        m.put("fileLimit", Errors.human(creation.staging().maxBytes()));
        m.put("error", error);
        m.put("active", "create");
        Web.render(ctx, "create", m);
    }

    /** {@code PUT /api/staff/staging/{name}}: the body, streamed to the staging area; 201 once it is on the disk. */
    public void stage(Context ctx) throws IOException {
        StagedUploads.Staged s;
        try (InputStream in = ctx.req().getInputStream()) {
            s = creation.staging().put(ctx.pathParam("name"), in, ctx.req().getContentLengthLong());
        } catch (StagedUploads.TooLarge e) {
            throw new HttpResponseException(HttpStatus.CONTENT_TOO_LARGE.getCode(), e.getMessage() + ".");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("name", s.name());
        m.put("bytes", s.bytes());
        ctx.status(201).json(m);
    }

    /** {@code POST /api/staff/competitions}: settings and staged file ids as JSON; 202 with the job. */
    public void createApi(Context ctx) throws IOException {
        NewCompetition in;
        String notJson = "";
        try {
            in = ctx.bodyAsClass(NewCompetition.class);
        } catch (Exception e) {
            in = null;
            notJson = Web.notJson(e);
        }
        if (in == null) {
            throw new BadRequestResponse("Send JSON like {\"slug\": \"hw3\", \"title\": \"Homework 3\", \"train\":"
                    + " \"<id>\", \"test\": \"<id>\", \"labels\": \"<id>\"} (ids from PUT /api/staff/staging/{name}),"
                    + " or with \"bundle\": \"<id>\" of a bundle .zip instead of the three files." + notJson);
        }
        Job job;
        try {
            job = creation.start(settings(in), data(in), Web.account(ctx).username());
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(sentence(e.getMessage()));
        } catch (CompetitionCreation.Refused e) {
            throw new HttpResponseException(status(e), sentence(e.getMessage()));
        }
        ctx.status(202).header("Location", "/api/staff/competitions/jobs/" + job.id()).json(json(job.snapshot()));
    }

    /** The page's form without its script: the files go with the form, each within the upload limit. */
    public void createForm(Context ctx) throws IOException {
        NewCompetition fields = new NewCompetition(ctx.formParam("slug"), ctx.formParam("title"),
                ctx.formParam("timeZone"), ctx.formParam("dailyLimit"), ctx.formParam("deadline"),
                ctx.formParam("finalSelections"), null, null, null, null);
        List<String> staged = new ArrayList<>();
        try {
            Map<String, String> ids = new LinkedHashMap<>();
            for (String field : new String[] {"train", "test", "labels", "bundle"}) {
                UploadedFile f = Uploads.multipart(ctx, () -> ctx.uploadedFile(field));
                if (f != null && f.size() > config.maxUploadBytes()) {
                    // the multipart limit is the larger of this and the code zips'; a form's file keeps this one
                    refusedForm(ctx, fields, staged, 413, f.filename() + " is larger than the limit of "
                            + Errors.human(config.maxUploadBytes()) + " for a file sent with the form.");
                    return;
                }
                if (f != null && f.size() > 0) {
                    try (InputStream content = f.content()) {
                        String id = creation.staging().put(f.filename(), content, f.size()).id();
                        staged.add(id);
                        ids.put(field, id);
                    }
                }
            }
            NewCompetition in = new NewCompetition(fields.slug(), fields.title(), fields.timeZone(),
                    fields.dailyLimit(), fields.deadline(), fields.finalSelections(), ids.get("train"),
                    ids.get("test"), ids.get("labels"), ids.get("bundle"));
            Job job = creation.start(settings(in), data(in), Web.account(ctx).username());
            ctx.redirect(JOB_PAGE + job.id(), HttpStatus.SEE_OTHER);
        } catch (IllegalArgumentException e) {
            refusedForm(ctx, fields, staged, 400, e.getMessage());
        } catch (StagedUploads.TooLarge e) {
            refusedForm(ctx, fields, staged, 413, e.getMessage());
        } catch (CompetitionCreation.Refused e) {
            refusedForm(ctx, fields, staged, status(e), e.getMessage());
        }
    }

    private void refusedForm(Context ctx, NewCompetition fields, List<String> staged, int status, String message)
            throws IOException {
        for (String id : staged) {
            creation.staging().delete(id);
        }
        ctx.status(status);
        page(ctx, fields, "No competition was created: " + sentence(message));
    }

    public void jobPage(Context ctx) {
        Snapshot s = job(ctx).snapshot();
        Map<String, Object> m = new LinkedHashMap<>(json(s));
        m.put("running", s.state().equals("running"));
        m.put("active", "create");
        Web.render(ctx, "create-job", m);
    }

    public void jobApi(Context ctx) {
        ctx.json(json(job(ctx).snapshot()));
    }

    private Job job(Context ctx) {
        String id = ctx.pathParam("id");
        return creation.job(id).orElseThrow(() -> new NotFoundResponse("There is no competition being created with"
                + " the job id \"" + (id.length() > 40 ? id.substring(0, 40) + "…" : id) + "\" on this server."));
    }

    /** The job as the API shows it; the calibration floors are its last step, computed after the competition exists. */
    private Map<String, Object> json(Snapshot s) {
        List<Map<String, Object>> steps = new ArrayList<>();
        for (Step step : s.steps()) {
            steps.add(step(step.name(), step.state(), step.percent()));
        }
        String floorState = "waiting";
        if (s.competition() != null) {
            FloorsCache.State f = floors.state(s.competition());
            floorState = f instanceof FloorsCache.Done ? "done"
                    : f instanceof FloorsCache.Failed ? "failed" : "running";
        }
        steps.add(step("compute the calibration floors", floorState, null));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("slug", s.slug());
        m.put("state", s.state());
        m.put("steps", steps);
        m.put("message", s.message());
        if (s.competition() != null) {
            Competition c = s.competition();
            Map<String, Object> made = new LinkedHashMap<>();
            made.put("slug", c.slug());
            made.put("title", c.title());
            made.put("page", "/c/" + c.slug());
            made.put("staffPage", "/c/" + c.slug() + "/staff");
            m.put("competition", made);
        } else {
            m.put("competition", null);
        }
        return m;
    }

    private static Map<String, Object> step(String name, String state, Integer percent) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("state", state);
        m.put("percent", percent);
        return m;
    }

    private CompetitionSettings settings(NewCompetition in) {
        String slug = in.slug() == null ? "" : in.slug().strip();
        ZoneId zone = blank(in.timeZone()) ? config.timeZone() : zone(in.timeZone().strip());
        int limit = blank(in.dailyLimit()) ? config.dailyLimit() : whole(in.dailyLimit(), "daily limit");
        int k = blank(in.finalSelections()) ? Competition.DEFAULT_FINAL_SELECTIONS
                : whole(in.finalSelections(), "number of final selections");
        Instant deadline = DeadlineInput.parse(blank(in.deadline()) ? null : in.deadline().strip(), zone);
        return new CompetitionSettings(slug, blank(in.title()) ? slug : in.title(), zone, limit, deadline, k);
    }

    private static CompetitionCreation.Data data(NewCompetition in) {
        boolean course = !blank(in.train()) || !blank(in.test()) || !blank(in.labels());
        if (!blank(in.bundle()) && course) {
            throw new IllegalArgumentException("send either the course's three files (train, test, labels) or a bundle"
                    + " .zip, not both");
        }
        if (!blank(in.bundle())) {
            return new CompetitionCreation.Zipped(in.bundle());
        }
        List<String> missing = new ArrayList<>();
        if (blank(in.train())) {
            missing.add("the training images (trainingset.npy)");
        }
        if (blank(in.test())) {
            missing.add("the test images (testingset.npy)");
        }
        if (blank(in.labels())) {
            missing.add("the test labels");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException((course ? "missing " + String.join(", ", missing)
                    : "no data: send the course's trainingset.npy, testingset.npy and labels, or a bundle .zip"));
        }
        return new CompetitionCreation.Course(in.train(), in.test(), in.labels());
    }

    private static int status(CompetitionCreation.Refused e) {
        return switch (e.kind()) {
            case NO_SUCH_UPLOAD -> 400;
            case SLUG_TAKEN -> 409;
            case BAD_FILE -> 422;
        };
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("the time zone \"" + id + "\" is not a time zone ID like Asia/Taipei,"
                    + " Europe/Berlin or UTC");
        }
    }

    private static int whole(String text, String what) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the " + what + " \"" + text + "\" is not a whole number");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String sentence(String message) {
        return message.endsWith(".") ? message : message + ".";
    }
}
