package org.holdout.web;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.holdout.competition.Competition;
import org.holdout.grading.ConfidenceRules;
import org.holdout.grading.GradeRow;
import org.holdout.grading.Grades;
import org.holdout.grading.HonestScores;
import org.holdout.grading.ShakeUpChart;
import org.holdout.leaderboard.Standing;
import org.holdout.scoring.AucInterval;
import org.holdout.scoring.ScoreWithIntervals;
import org.holdout.submission.ScoreText;
import org.holdout.threshold.Board;

/**
 * The grade export for staff ({@code grades.csv}, {@code grades.json}, {@code grades-canvas.csv}) and the staff
 * grades page: the same rows, each score with its DeLong 95% interval, the thresholds a score cannot be told apart
 * from, and the public → private shake-up.
 */
public final class GradeHandlers {
    private final Grades grades;
    private final HonestScores honest;
    private final Clock clock;

    public GradeHandlers(Grades grades, HonestScores honest, Clock clock) {
        this.grades = grades;
        this.honest = honest;
        this.clock = clock;
    }

    public void csv(Context ctx) {
        send(ctx, Grades.Format.CSV);
    }

    public void json(Context ctx) {
        send(ctx, Grades.Format.JSON);
    }

    public void canvas(Context ctx) {
        send(ctx, Grades.Format.CANVAS);
    }

    private void send(Context ctx, Grades.Format format) {
        Competition c = Web.competition(ctx);
        Instant now = clock.instant();
        byte[] body = Grades.file(grades.sheet(c), format, now);
        ctx.header("Content-Disposition", "attachment; filename=\"" + format.fileName(c, now) + "\"");
        ctx.contentType(format.contentType());
        ctx.result(body);
    }

    public void page(Context ctx) {
        Competition c = Web.competition(ctx);
        Grades.Sheet sheet = grades.sheet(c);
        HonestScores.Reader reader = honest.reader(c);
        List<Map<String, Object>> rows = new ArrayList<>();
        List<ShakeUpChart.Point> points = new ArrayList<>();
        int closeCalls = 0;
        for (int i = 0; i < sheet.rows().size(); i++) {
            GradeRow g = sheet.rows().get(i);
            Standing s = sheet.snapshot().rows().get(i).standing();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("g", g);
            m.put("publicText", ScoreText.fiveDecimals(g.publicScore()));
            m.put("privateText", ScoreText.fiveDecimals(g.privateScore()));
            AucInterval pub = interval(reader.of(s.bestPublicSubmission()), Board.PUBLIC);
            AucInterval priv = interval(reader.of(s.bestPrivateSubmission()), Board.PRIVATE);
            m.put("publicCi", ciText(g.publicScore(), pub, LocalizedThymeleaf.locale(ctx)));
            m.put("privateCi", ciText(g.privateScore(), priv, LocalizedThymeleaf.locale(ctx)));
            List<ConfidenceRules.CloseCall> pubCalls = ConfidenceRules.closeCalls(g.publicScore(), pub,
                    sheet.thresholds(), Board.PUBLIC);
            List<ConfidenceRules.CloseCall> privCalls = ConfidenceRules.closeCalls(g.privateScore(), priv,
                    sheet.thresholds(), Board.PRIVATE);
            m.put("publicCalls", pubCalls);
            m.put("privateCalls", privCalls);
            closeCalls += pubCalls.size() + privCalls.size();
            m.put("finals", String.join(", ", g.finalSubmissions().stream().map(String::valueOf).toList()));
            m.put("pointsText", points(g.pointsPublic()) + " + " + points(g.pointsPrivate()) + " = "
                    + points(g.pointsTotal()));
            m.put("shift", s.rankShift());
            rows.add(m);
            if (g.publicRank() != null && g.privateRank() != null) {
                points.add(new ShakeUpChart.Point(g.displayName(), g.publicRank(), g.privateRank()));
            }
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("competition", c);
        model.put("rows", rows);
        model.put("closeCalls", closeCalls);
        model.put("revealed", c.privateRevealed());
        model.put("maxPoints", points(sheet.maxPoints()));
        model.put("chart", ShakeUpChart.svg(points));
        String api = "/api/staff/c/" + c.slug();
        model.put("csvUrl", api + "/grades.csv");
        model.put("jsonUrl", api + "/grades.json");
        model.put("canvasUrl", api + "/grades-canvas.csv");
        model.put("active", "staff");
        Web.render(ctx, "grades", model);
    }

    private static AucInterval interval(Optional<ScoreWithIntervals> scored, Board board) {
        return scored.map(s -> board == Board.PUBLIC ? s.publicInterval() : s.privateInterval()).orElse(null);
    }

    /** "0.81234 – 0.90211", or why there is none. */
    static String ciText(Double score, AucInterval ci, java.util.Locale locale) {
        if (score == null) {
            return "";
        }
        if (ci == null) {
            return Messages.text(locale, "grades.ci.notKept");
        }
        if (!ci.hasInterval()) {
            return Messages.text(locale, "grades.ci.oneRow");
        }
        return ScoreText.fiveDecimals(ci.lower()) + " – " + ScoreText.fiveDecimals(ci.upper());
    }

    private static String points(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }
}
