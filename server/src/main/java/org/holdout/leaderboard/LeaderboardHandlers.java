package org.holdout.leaderboard;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.holdout.competition.Competition;
import org.holdout.competition.CompetitionService;
import org.holdout.web.Web;

/** The public leaderboard page and its JSON. */
public final class LeaderboardHandlers {
    private final CompetitionService competitions;
    private final Leaderboard leaderboard;

    public LeaderboardHandlers(CompetitionService competitions, Leaderboard leaderboard) {
        this.competitions = competitions;
        this.leaderboard = leaderboard;
    }

    public void page(Context ctx) {
        Competition c = competitions.current();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", leaderboard.publicBoard(c));
        m.put("revealed", c.privateRevealed());
        m.put("zone", c.timeZone());
        Web.render(ctx, "leaderboard", m);
    }

    public void api(Context ctx) {
        Competition c = competitions.current();
        List<LeaderboardRow> rows = leaderboard.publicBoard(c);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("competition", c.slug());
        body.put("privateRevealed", c.privateRevealed());
        body.put("rows", rows.stream().map(r -> row(r, c.privateRevealed())).toList());
        ctx.json(body);
    }

    private static Map<String, Object> row(LeaderboardRow r, boolean revealed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rank", r.rank());
        m.put("name", r.name());
        m.put("username", r.username());
        m.put("baseline", r.baseline());
        m.put("publicScore", r.publicScore());
        m.put("publicScoreText", r.publicText());
        if (revealed) {
            m.put("privateScore", r.privateScore());
        }
        m.put("entries", r.entries());
        m.put("lastSubmission", r.lastSubmission());
        return m;
    }
}
