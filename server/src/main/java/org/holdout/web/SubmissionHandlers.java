package org.holdout.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.holdout.submission.ScoreText;
import org.holdout.account.Account;
import org.holdout.competition.Competition;
import org.holdout.competition.LatePolicy;
import org.holdout.leaderboard.Leaderboard;
import org.holdout.leaderboard.Selections;
import org.holdout.submission.QuotaRules;
import org.holdout.submission.HistogramRules;
import org.holdout.submission.ScoreChart;
import org.holdout.submission.StudentSubmission;
import org.holdout.submission.Submission;
import org.holdout.submission.SubmissionService;
import org.holdout.submission.SubmissionState;
import org.holdout.submission.SubmittedScores;

/** The submit and my-submissions pages, and the submissions API. */
public final class SubmissionHandlers {
    private final SubmissionService submissions;
    private final Uploads uploads;
    private final Leaderboard leaderboard;
    private final Selections selections;
    private final SubmittedScores submittedScores;

    public SubmissionHandlers(SubmissionService submissions, Uploads uploads, Leaderboard leaderboard,
                              Selections selections, SubmittedScores submittedScores) {
        this.submissions = submissions;
        this.uploads = uploads;
        this.leaderboard = leaderboard;
        this.selections = selections;
        this.submittedScores = submittedScores;
    }

    /** What a row of My submissions says about its file's values (numbers as the histogram labels them). */
    public record Spread(String count, String min, String max, boolean constant) {
        static Spread of(HistogramRules.Histogram h) {
            return new Spread(String.format(Locale.ROOT, "%,d", h.count()), number(h.min()), number(h.max()),
                    h.constant());
        }

        private static String number(double v) {
            return String.format(Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2")
                    .replace(".e", "e").replaceAll("\\.$", "");
        }
    }

    /** The form; with {@code ?submission=<id>} (where the form redirects to) also that upload's outcome. */
    public void submitPage(Context ctx) {
        Competition c = Web.competition(ctx);
        Account me = Web.account(ctx);
        String id = ctx.queryParam("submission");
        if (id == null) {
            Web.render(ctx, "submit", pageModel(c, me, null, null));
            return;
        }
        Submission s = own(ctx, c, me, id);
        ctx.header("Cache-Control", "no-store");
        Web.render(ctx, "submit", pageModel(c, me, shownOutcome(s.state(), ctx.queryParam("outcome")),
                StudentSubmission.of(s, c.privateRevealed()).withMessage(Web.message(ctx, s))));
    }

    /**
     * Post/Redirect/Get: every upload that reached the rules is stored with an id, so the answer is a 303 to the
     * page that shows it, and reloading that page does not upload (and count) the file again.
     */
    public void submitForm(Context ctx) {
        Competition c = Web.competition(ctx);
        Uploads.Upload up = uploads.read(ctx);
        SubmissionService.Outcome o = submissions.submit(c, Web.account(ctx), up.fileName(), up.bytes());
        ctx.redirect(Web.base(ctx) + "/submit?submission=" + o.submission().id() + "&outcome="
                + o.reason().name().toLowerCase(Locale.ROOT), HttpStatus.SEE_OTHER);
    }

    /**
     * What the result card says about a stored upload. The state decides; the {@code claimed} reason from the
     * redirect only tells apart the refusals (a bad file, the daily limit, the deadline), which store no reason.
     */
    static String shownOutcome(SubmissionState state, String claimed) {
        return switch (state) {
            case SCORED -> "accepted";
            case FAILED -> "failed";
            case RECEIVED -> "received";
            case REFUSED -> claimed != null && (claimed.equals("invalid") || claimed.equals("limit")
                    || claimed.equals("deadline")) ? claimed : "refused";
        };
    }

    public void mySubmissions(Context ctx) {
        renderMine(ctx, "1".equals(ctx.queryParam("selected")) ? Web.text(ctx, "submissions.saved") : null, null);
    }

    /** The page's selection form: the checked submissions become the final selection (none checked: unmark all). */
    public void selectForm(Context ctx) {
        List<Long> ids = new ArrayList<>();
        for (String v : ctx.formParams("submission")) {
            try {
                ids.add(Long.parseLong(v.strip()));
            } catch (NumberFormatException e) {
                ctx.status(400);
                renderMine(ctx, null, Web.text(ctx, "submissions.notId",
                        v.length() > 40 ? v.substring(0, 40) + "…" : v));
                return;
            }
        }
        try {
            selections.save(Web.competition(ctx), Web.account(ctx), ids);
        } catch (Selections.Refused e) {
            ctx.status(e.status());
            renderMine(ctx, null, Web.text(ctx, "submissions.notSaved", Web.text(ctx, e.sentence().key(),
                    e.sentence().args().toArray())));
            return;
        }
        ctx.redirect(Web.base(ctx) + "/submissions?selected=1", HttpStatus.SEE_OTHER);
    }

    public void selectionApi(Context ctx) {
        ctx.json(selectionJson(ctx, selections.of(Web.competition(ctx), Web.account(ctx))));
    }

    /** {@code {"submissions": [ids]}} replaces the final selection (an empty list unmarks all). */
    public void selectionPut(Context ctx) {
        Object list;
        String notJson = "";
        try {
            list = ctx.body().isBlank() ? null : ctx.bodyAsClass(Map.class).get("submissions");
        } catch (Exception e) {
            list = null;
            notJson = Web.notJson(e);
        }
        if (!(list instanceof List<?> raw)) {
            throw new BadRequestResponse("Send a JSON object like {\"submissions\": [12, 15]} (an empty list"
                    + " unmarks all)." + notJson);
        }
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            if (!(raw.get(i) instanceof Number n) || n.doubleValue() != n.longValue()) {
                throw new BadRequestResponse("\"submissions\"[" + i + "] is " + raw.get(i)
                        + ", not a submission id.");
            }
            ids.add(n.longValue());
        }
        try {
            ctx.json(selectionJson(ctx, selections.save(Web.competition(ctx), Web.account(ctx), ids)));
        } catch (Selections.Refused e) {
            throw new HttpResponseException(e.status(), Web.text(ctx, e.sentence().key(),
                    e.sentence().args().toArray()));
        }
    }

    private static Map<String, Object> selectionJson(Context ctx, Selections.View v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("submissions", v.marked());
        m.put("marked", !v.marked().isEmpty());
        m.put("counting", v.counting());
        m.put("k", v.k());
        m.put("why", Web.text(ctx, v.whySentence().key(), v.whySentence().args().toArray()));
        m.put("open", v.open());
        if (v.studentExcluded() != null) {
            m.put("excluded", v.studentExcluded());
        }
        return m;
    }

    private void renderMine(Context ctx, String notice, String selectionError) {
        Competition c = Web.competition(ctx);
        Account me = Web.account(ctx);
        Map<String, Object> m = pageModel(c, me, null, null);
        Selections.View selection = selections.of(c, me);
        List<StudentSubmission> list = mine(ctx, c, me, selection.excludedReasons());
        Map<Long, String> privateText = new HashMap<>();
        for (StudentSubmission s : list) {
            privateText.put(s.id(), ScoreText.fiveDecimals(s.privateScore()));
        }
        Map<Long, Spread> spreads = new HashMap<>();
        for (Submission s : submissions.repository().ofStudent(c.id(), me.id())) {
            submittedScores.of(c, s).ifPresent(h -> spreads.put(s.id(), Spread.of(h)));
        }
        m.put("spreads", spreads);
        m.put("submissions", list);
        QuotaRules.Quota q = (QuotaRules.Quota) m.get("quota");
        m.put("leftText", Web.text(ctx, "submissions.left", q.left(), q.limit(), m.get("resetsAt")));
        m.put("chart", list.stream().anyMatch(s -> s.publicScore() != null));
        m.put("revealed", c.privateRevealed());
        m.put("privateText", privateText);
        m.put("selection", selection);
        m.put("why", Web.text(ctx, selection.whySentence().key(), selection.whySentence().args().toArray()));
        m.put("selectable", list.stream().anyMatch(x -> x.state().equals("scored") && !x.late()
                && x.excluded() == null) && selection.open() && selection.studentExcluded() == null);
        m.put("notice", notice);
        m.put("selectionError", selectionError);
        Web.render(ctx, "submissions", m);
    }

    /** The student's public scores, oldest first, against the baselines' (a PNG for the My submissions page). */
    public void myChart(Context ctx) {
        Competition c = Web.competition(ctx);
        List<StudentSubmission> list = new ArrayList<>(mine(ctx, c, Web.account(ctx)));
        java.util.Collections.reverse(list);
        List<Double> scores = list.stream().filter(s -> s.publicScore() != null).map(StudentSubmission::publicScore)
                .toList();
        if (scores.isEmpty()) {
            throw new NotFoundResponse(Web.text(ctx, "chart.none"));
        }
        ScoreChart.Size size = "phone".equals(ctx.queryParam("size")) ? ScoreChart.Size.PHONE : ScoreChart.Size.WIDE;
        byte[] png = ScoreChart.png(scores, leaderboard.thresholdPublicScores(c), size, new ScoreChart.Words(
                Web.text(ctx, "chart.x"), Web.text(ctx, "chart.y"), Web.text(ctx, "chart.best"),
                Web.text(ctx, "chart.scores")));
        ctx.header("Cache-Control", "private, no-store");
        ctx.contentType("image/png").result(png);
    }

    /** A histogram of the Predicted values in one of the caller's own scored submissions (anyone else's: 404). */
    public void myHistogram(Context ctx) {
        Competition c = Web.competition(ctx);
        Submission s = own(ctx, c, Web.account(ctx), ctx.pathParam("id"));
        HistogramRules.Histogram h = submittedScores.of(c, s).orElseThrow(() -> new NotFoundResponse(
                "Submission " + s.id() + " has no histogram: only a scored file that is kept has one."));
        ScoreChart.Size size = "phone".equals(ctx.queryParam("size")) ? ScoreChart.Size.PHONE : ScoreChart.Size.WIDE;
        ctx.header("Cache-Control", "private, no-cache");
        ctx.contentType("image/png").result(ScoreChart.histogram(h, size));
    }

    public void apiSubmit(Context ctx) {
        Competition c = Web.competition(ctx);
        Account me = Web.account(ctx);
        Uploads.Upload up = uploads.read(ctx);
        SubmissionService.Outcome o = submissions.submit(c, me, up.fileName(), up.bytes());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", o.reason().name().toLowerCase(Locale.ROOT));
        if (o.reason() != SubmissionService.Outcome.Reason.ACCEPTED) {
            body.put("error", Web.message(ctx, o.submission()));
            body.put("status", o.reason().status);
        }
        body.put("submission", StudentSubmission.of(o.submission(), c.privateRevealed())
                .withMessage(Web.message(ctx, o.submission())));
        if (o.submission().late()) {
            body.put("late", true);
        }
        body.putAll(quota(c, o.quota()));
        if (o.reason() == SubmissionService.Outcome.Reason.LIMIT) {
            long seconds = Duration.between(submissions.clock().instant(), o.quota().resetsAt()).toSeconds();
            ctx.header("Retry-After", String.valueOf(Math.max(1, seconds)));
        } else if (o.reason() == SubmissionService.Outcome.Reason.BUSY) {
            ctx.header("Retry-After", "5");
        }
        ctx.status(o.reason().status).json(body);
    }

    public void apiList(Context ctx) {
        Competition c = Web.competition(ctx);
        Account me = Web.account(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("submissions", mine(ctx, c, me));
        body.putAll(quota(c, submissions.quota(c, me)));
        ctx.json(body);
    }

    public void apiOne(Context ctx) {
        Competition c = Web.competition(ctx);
        Account me = Web.account(ctx);
        Submission s = own(ctx, c, me, ctx.pathParam("id"));
        ctx.json(StudentSubmission.of(s, c.privateRevealed()).withMessage(Web.message(ctx, s)));
    }

    /** The caller's own submission in this competition; anyone else's is answered as if it did not exist. */
    private Submission own(Context ctx, Competition c, Account me, String idText) {
        long id;
        try {
            id = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            throw new NotFoundResponse(Web.text(ctx, "submissions.noSuch", idText));
        }
        return submissions.repository().byId(id)
                .filter(x -> x.accountId() == me.id() && x.competitionId() == c.id())
                .orElseThrow(() -> new NotFoundResponse(Web.text(ctx, "submissions.notYours", id)));
    }

    private List<StudentSubmission> mine(Context ctx, Competition c, Account me) {
        return mine(ctx, c, me, selections.of(c, me).excludedReasons());
    }

    private List<StudentSubmission> mine(Context ctx, Competition c, Account me, Map<Long, String> excludedReasons) {
        List<StudentSubmission> out = new ArrayList<>();
        for (Submission s : submissions.repository().ofStudent(c.id(), me.id())) {
            out.add(StudentSubmission.of(s, c.privateRevealed(), excludedReasons.get(s.id()))
                    .withMessage(Web.message(ctx, s)));
        }
        return out;
    }

    private Map<String, Object> pageModel(Competition c, Account me, String outcome, StudentSubmission result) {
        Map<String, Object> m = new HashMap<>();
        QuotaRules.Quota q = submissions.quota(c, me);
        m.put("quota", q);
        m.put("resetsAt", c.format(q.resetsAt()));
        m.put("deadline", c.deadline() == null ? null : c.format(c.deadline()));
        boolean after = c.closedAt(submissions.clock().instant());
        m.put("closed", after && c.latePolicy() == LatePolicy.REFUSE);
        m.put("lateNow", after && c.latePolicy() == LatePolicy.ACCEPT_LATE);
        m.put("outcome", outcome);
        m.put("result", result);
        m.put("zone", c.timeZone());
        return m;
    }

    private static Map<String, Object> quota(Competition c, QuotaRules.Quota q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("submissionsLeftToday", q.left());
        m.put("dailyLimit", q.limit());
        m.put("dayResetsAt", q.resetsAt());
        m.put("timeZone", c.timeZone().getId());
        m.put("deadline", c.deadline());
        return m;
    }
}
