package org.holdout.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.holdout.submission.ScoreText;
import org.holdout.account.Account;
import org.holdout.account.AccountRepository;
import org.holdout.competition.ClockRules;
import org.holdout.competition.Competition;
import org.holdout.competition.CompetitionService;
import org.holdout.competition.DeadlineInput;
import org.holdout.competition.FloorsCache;
import org.holdout.competition.SettingsRules;
import org.holdout.floors.CalibrationFloors;
import org.holdout.leaderboard.Leaderboard;
import org.holdout.submission.Submission;
import org.holdout.submission.SubmissionRepository;
import org.holdout.submission.SubmissionService;

/** The staff page and API: deadline, reveal, calibration floors, the latest submissions; other sections fill in theirs. */
public final class StaffHandlers {

    private final CompetitionService competitions;
    private final Clock clock;
    private final FloorsCache floors;
    private final SubmissionRepository submissions;
    private final AccountRepository accounts;
    private final StaffPageSection section;

    public StaffHandlers(CompetitionService competitions, Clock clock, FloorsCache floors,
                         SubmissionRepository submissions, AccountRepository accounts, StaffPageSection section) {
        this.competitions = competitions;
        this.clock = clock;
        this.floors = floors;
        this.submissions = submissions;
        this.accounts = accounts;
        this.section = section;
    }

    /** The staff page; {@code ?done=<key>} (where a form that worked redirects to) adds that form's notice. */
    public void page(Context ctx) {
        page(ctx, notice(LocalizedThymeleaf.locale(ctx), ctx.queryParam("done")), null);
    }

    /**
     * Post/Redirect/Get for a form that changed something: a 303 to the staff page with a key for its notice, so
     * reloading the page does not send the form again. A refused form is shown directly, with what was wrong.
     */
    public static void done(Context ctx, String key) {
        ctx.redirect(Web.base(ctx) + "/staff?done=" + key, HttpStatus.SEE_OTHER);
    }

    private String notice(java.util.Locale locale, String done) {
        if (done == null) {
            return null;
        }
        String sectionNotice = section.notice(locale, done);
        if (sectionNotice != null) {
            return sectionNotice;
        }
        return switch (done) {
            case "deadline" -> Messages.text(locale, "staff.notice.deadline");
            case "reveal" -> Messages.text(locale, "staff.notice.reveal");
            default -> null;
        };
    }

    /** The staff page with {@code error} shown, as a form that was refused answers (422 unless a 4xx was set). */
    public void refused(Context ctx, String error) {
        page(ctx, null, error);
    }

    private void page(Context ctx, String notice, String error) {
        Competition c = Web.competition(ctx);
        FloorsCache.State floorState = floors.state(c);
        List<CalibrationFloors.Floor> floorList = floorState instanceof FloorsCache.Done d ? d.floors() : List.of();
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
            r.put("time", c.format(s.received()));
            r.put("file", s.fileName());
            r.put("state", Web.text(ctx, "staff.state." + s.state().name()));
            r.put("publicText", ScoreText.fiveDecimals(s.publicAuc()));
            r.put("privateText", ScoreText.fiveDecimals(s.privateAuc()));
            r.put("message", s.message() == null ? "" : s.message());
            recent.add(r);
        }
        Map<String, Object> m = new HashMap<>();
        m.put("competition", c);
        m.put("deadline", c.deadline() == null ? Web.text(ctx, "staff.none") : c.format(c.deadline()));
        m.put("deadlineInput", c.deadline() == null ? "" : java.time.LocalDateTime.ofInstant(c.deadline(),
                c.timeZone()).toString());
        section.fill(c, m, LocalizedThymeleaf.locale(ctx));
        m.put("floors", floorList.stream().map(f -> Map.of("label", f.label(), "id", f.id(),
                "publicText", ScoreText.fiveDecimals(f.publicAuc()),
                "privateText", ScoreText.fiveDecimals(f.privateAuc()))).toList());
        m.put("floorsStatus", floorState instanceof FloorsCache.Failed f ? Web.text(ctx, "staff.floors.failed", f.message())
                : floorState instanceof FloorsCache.Computing ? Web.text(ctx, "staff.floors.computing") : null);
        m.put("recent", recent);
        m.put("total", submissions.count(c.id()));
        m.put("notice", notice);
        m.put("error", error);
        if (error != null && ctx.status().getCode() < 400) {
            ctx.status(422);
        }
        Web.render(ctx, "staff", m);
    }

    /** Reveals the private scores; the body may be {@code {"reason": "…"}} for the audit log. */
    public void revealApi(Context ctx) {
        Competition c = Web.competition(ctx);
        String reason = Reasons.ofBody(ctx);
        String refusal = ClockRules.cannotReveal(c, clock.instant());
        if (refusal != null) {
            throw new ConflictResponse(refusal);
        }
        competitions.repository().reveal(c.id(), Web.account(ctx).username(), reason, clock.instant());
        ctx.json(Map.of("privateRevealed", true));
    }

    public void revealForm(Context ctx) {
        Competition c = Web.competition(ctx);
        String refusal = ClockRules.cannotReveal(c, clock.instant());
        if (refusal != null) {
            ctx.status(409);
            page(ctx, null, refusal);
            return;
        }
        competitions.repository().reveal(c.id(), Web.account(ctx).username(), ctx.formParam("reason"),
                clock.instant());
        done(ctx, "reveal");
    }

    /** {@code {"deadline": "2026-06-01T23:59:59+08:00"}} (any ISO-8601 offset time) or {@code null} for none. */
    public void deadlineApi(Context ctx) {
        Competition c = Web.competition(ctx);
        JsonNode body;
        String notJson = "";
        try {
            body = ctx.bodyAsClass(JsonNode.class);
        } catch (Exception e) {
            body = null;
            notJson = Web.notJson(e);
        }
        if (body == null || !body.isObject() || !body.has("deadline")) {
            throw new BadRequestResponse("Send JSON like {\"deadline\": \"2026-06-01T23:59:59+08:00\"} or"
                    + " {\"deadline\": null}." + notJson);
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
        String refusal = ClockRules.cannotSetDeadline(c, deadline, clock.instant());
        if (refusal == null) {
            refusal = SettingsRules.afterCodeDeadline(c, deadline);
        }
        if (refusal != null) {
            throw new ConflictResponse(refusal);
        }
        competitions.repository().setDeadline(c.id(), deadline, Web.account(ctx).username(),
                Reasons.of(body.get("reason")), clock.instant());
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
        String refusal = ClockRules.cannotSetDeadline(c, deadline, clock.instant());
        if (refusal == null) {
            refusal = SettingsRules.afterCodeDeadline(c, deadline);
        }
        if (refusal != null) {
            ctx.status(409);
            page(ctx, null, refusal);
            return;
        }
        competitions.repository().setDeadline(c.id(), deadline, Web.account(ctx).username(),
                ctx.formParam("reason"), clock.instant());
        done(ctx, "deadline");
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
}
