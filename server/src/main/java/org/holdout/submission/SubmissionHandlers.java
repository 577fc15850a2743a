package org.holdout.submission;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.holdout.account.Account;
import org.holdout.competition.Competition;
import org.holdout.competition.CompetitionService;
import org.holdout.web.Uploads;
import org.holdout.web.Web;

/** The submit and my-submissions pages, and the submissions API. */
public final class SubmissionHandlers {
    private final CompetitionService competitions;
    private final SubmissionService submissions;
    private final Uploads uploads;

    public SubmissionHandlers(CompetitionService competitions, SubmissionService submissions, Uploads uploads) {
        this.competitions = competitions;
        this.submissions = submissions;
        this.uploads = uploads;
    }

    public void submitPage(Context ctx) {
        Competition c = competitions.current();
        Web.render(ctx, "submit", pageModel(c, Web.account(ctx), null, null));
    }

    public void submitForm(Context ctx) {
        Competition c = competitions.current();
        Account me = Web.account(ctx);
        Uploads.Upload up = uploads.read(ctx);
        SubmissionService.Outcome o = submissions.submit(c, me, up.fileName(), up.bytes());
        ctx.status(o.reason() == SubmissionService.Outcome.Reason.ACCEPTED ? 200 : o.reason().status);
        Web.render(ctx, "submit", pageModel(c, me, o, StudentSubmission.of(o.submission(), c.privateRevealed())));
    }

    public void mySubmissions(Context ctx) {
        Competition c = competitions.current();
        Account me = Web.account(ctx);
        Map<String, Object> m = pageModel(c, me, null, null);
        List<StudentSubmission> list = mine(c, me);
        Map<Long, String> privateText = new HashMap<>();
        for (StudentSubmission s : list) {
            privateText.put(s.id(), org.holdout.leaderboard.Leaderboard.fiveDecimals(s.privateScore()));
        }
        m.put("submissions", list);
        m.put("revealed", c.privateRevealed());
        m.put("privateText", privateText);
        Web.render(ctx, "submissions", m);
    }

    public void apiSubmit(Context ctx) {
        Competition c = competitions.current();
        Account me = Web.account(ctx);
        Uploads.Upload up = uploads.read(ctx);
        SubmissionService.Outcome o = submissions.submit(c, me, up.fileName(), up.bytes());
        Map<String, Object> body = new LinkedHashMap<>();
        if (o.reason() != SubmissionService.Outcome.Reason.ACCEPTED) {
            body.put("error", o.submission().message());
            body.put("status", o.reason().status);
        }
        body.put("submission", StudentSubmission.of(o.submission(), c.privateRevealed()));
        body.putAll(quota(c, o.quota()));
        ctx.status(o.reason().status).json(body);
    }

    public void apiList(Context ctx) {
        Competition c = competitions.current();
        Account me = Web.account(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("submissions", mine(c, me));
        body.putAll(quota(c, submissions.quota(c, me)));
        ctx.json(body);
    }

    public void apiOne(Context ctx) {
        Competition c = competitions.current();
        Account me = Web.account(ctx);
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new NotFoundResponse("There is no submission " + ctx.pathParam("id") + ".");
        }
        Submission s = submissions.repository().byId(id)
                .filter(x -> x.accountId() == me.id() && x.competitionId() == c.id())
                .orElseThrow(() -> new NotFoundResponse("There is no submission " + id + " of yours."));
        ctx.json(StudentSubmission.of(s, c.privateRevealed()));
    }

    private List<StudentSubmission> mine(Competition c, Account me) {
        List<StudentSubmission> out = new ArrayList<>();
        for (Submission s : submissions.repository().ofStudent(c.id(), me.id())) {
            out.add(StudentSubmission.of(s, c.privateRevealed()));
        }
        return out;
    }

    private Map<String, Object> pageModel(Competition c, Account me, SubmissionService.Outcome o,
                                          StudentSubmission result) {
        Map<String, Object> m = new HashMap<>();
        SubmissionService.Quota q = o != null ? o.quota() : submissions.quota(c, me);
        m.put("quota", q);
        m.put("resetsAt", SubmissionService.format(q.resetsAt(), c));
        m.put("deadline", c.deadline() == null ? null : SubmissionService.format(c.deadline(), c));
        m.put("closed", c.closedAt(submissions.clock().instant()));
        m.put("outcome", o == null ? null : o.reason().name().toLowerCase(java.util.Locale.ROOT));
        m.put("result", result);
        m.put("zone", c.timeZone());
        return m;
    }

    private static Map<String, Object> quota(Competition c, SubmissionService.Quota q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("submissionsLeftToday", q.left());
        m.put("dailyLimit", q.limit());
        m.put("dayResetsAt", q.resetsAt());
        m.put("timeZone", c.timeZone().getId());
        m.put("deadline", c.deadline());
        return m;
    }
}
