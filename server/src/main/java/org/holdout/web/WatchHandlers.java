package org.holdout.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.holdout.competition.Competition;
import org.holdout.leaderboard.Leaderboard;
import org.holdout.submission.ScoreChart;
import org.holdout.submission.ScoreText;
import org.holdout.watch.SubmissionWatch;
import org.holdout.watch.WatchRules;

/**
 * Staff watching a competition: {@code /staff/submissions} lists every submission, filtered by student, state and day
 * and paged, with two charts (uploads per day, the board's best public score over time against the thresholds);
 * {@code GET /api/staff/submissions} answers the same page as JSON.
 */
public final class WatchHandlers {
    private final SubmissionWatch watch;
    private final Leaderboard leaderboard;

    public WatchHandlers(SubmissionWatch watch, Leaderboard leaderboard) {
        this.watch = watch;
        this.leaderboard = leaderboard;
    }

    public void page(Context ctx) {
        Competition c = Web.competition(ctx);
        WatchRules.Parsed parsed = parse(ctx);
        List<WatchRules.Item> all = watch.items(c);
        Map<String, Object> m = new HashMap<>();
        m.put("competition", c);
        m.put("states", WatchRules.STATES);
        m.put("values", values(ctx));
        m.put("problems", parsed.problems());
        m.put("days", WatchRules.perDay(all, c.timeZone()));
        m.put("total", all.size());
        m.put("charted", !all.isEmpty());
        m.put("usernames", all.stream().map(WatchRules.Item::username).distinct().sorted().toList());
        if (parsed.filter() != null) {
            WatchRules.Page p = WatchRules.page(WatchRules.filter(all, parsed.filter(), c.timeZone()),
                    parsed.filter().page());
            String pastEnd = WatchRules.pastEnd(p);
            if (pastEnd != null) {
                ctx.status(400);
                m.put("problems", Map.of("page", pastEnd));
                m.put("lastPage", query(ctx, p.pages()));
            } else {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (WatchRules.Item i : p.items()) {
                    Map<String, Object> r = json(i);
                    r.put("receivedText", c.format(i.received()));
                    r.put("publicText", ScoreText.fiveDecimals(i.publicScore()));
                    r.put("privateText", ScoreText.fiveDecimals(i.privateScore()));
                    rows.add(r);
                }
                m.put("rows", rows);
                m.put("page", p);
                m.put("previous", p.page() > 1 ? query(ctx, p.page() - 1) : null);
                m.put("next", p.page() < p.pages() ? query(ctx, p.page() + 1) : null);
            }
        } else {
            ctx.status(400);
        }
        m.put("active", "staff");
        Web.render(ctx, "watch", m);
    }

    public void api(Context ctx) {
        Competition c = Web.competition(ctx);
        WatchRules.Parsed parsed = parse(ctx);
        if (parsed.filter() == null) {
            throw new BadRequestResponse(String.join(" ", parsed.problems().values()));
        }
        List<WatchRules.Item> all = watch.items(c);
        WatchRules.Page p = WatchRules.page(WatchRules.filter(all, parsed.filter(), c.timeZone()),
                parsed.filter().page());
        String pastEnd = WatchRules.pastEnd(p);
        if (pastEnd != null) {
            throw new BadRequestResponse(pastEnd);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("page", p.page());
        body.put("pages", p.pages());
        body.put("total", p.total());
        body.put("submissions", p.items().stream().map(WatchHandlers::json).toList());
        body.put("perDay", WatchRules.perDay(all, c.timeZone()).stream().map(d -> Map.of("day", d.day().toString(),
                "scored", d.scored(), "notScored", d.notScored())).toList());
        ctx.json(body);
    }

    public void uploadsChart(Context ctx) {
        Competition c = Web.competition(ctx);
        List<WatchRules.Day> days = WatchRules.perDay(watch.items(c), c.timeZone());
        png(ctx, ScoreChart.uploadsPerDay(days.stream().map(d -> d.day().toString().substring(5)).toList(),
                days.stream().map(WatchRules.Day::scored).toList(), days.stream().map(WatchRules.Day::notScored)
                        .toList(), size(ctx)));
    }

    public void bestChart(Context ctx) {
        Competition c = Web.competition(ctx);
        List<WatchRules.Item> all = watch.items(c);
        Instant origin = SubmissionWatch.origin(c, all);
        List<WatchRules.Point> points = WatchRules.bestOverTime(all, origin);
        png(ctx, ScoreChart.bestOverTime(points.stream().map(WatchRules.Point::days).toList(),
                points.stream().map(WatchRules.Point::best).toList(), leaderboard.thresholdPublicScores(c),
                "days since " + origin.atZone(c.timeZone()).toLocalDate() + " (" + c.timeZone().getId() + ")",
                size(ctx)));
    }

    private static ScoreChart.Size size(Context ctx) {
        return "phone".equals(ctx.queryParam("size")) ? ScoreChart.Size.PHONE : ScoreChart.Size.WIDE;
    }

    private static void png(Context ctx, byte[] png) {
        ctx.header("Cache-Control", "private, no-store");
        ctx.contentType("image/png").result(png);
    }

    private static WatchRules.Parsed parse(Context ctx) {
        return WatchRules.parse(ctx.queryParam("student"), ctx.queryParam("state"), ctx.queryParam("day"),
                ctx.queryParam("page"));
    }

    private static Map<String, String> values(Context ctx) {
        Map<String, String> v = new HashMap<>();
        for (String k : List.of("student", "state", "day")) {
            v.put(k, ctx.queryParam(k) == null ? "" : ctx.queryParam(k));
        }
        return v;
    }

    /** The page's address with the same filter and another page number. */
    private static String query(Context ctx, int page) {
        StringBuilder q = new StringBuilder(Web.base(ctx) + "/staff/submissions?page=" + page);
        for (String k : List.of("student", "state", "day")) {
            String v = ctx.queryParam(k);
            if (v != null && !v.isBlank()) {
                q.append('&').append(k).append('=').append(java.net.URLEncoder.encode(v,
                        java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return q.toString();
    }

    private static Map<String, Object> json(WatchRules.Item i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("username", i.username());
        m.put("fileName", i.fileName());
        m.put("received", i.received());
        m.put("state", i.state());
        m.put("late", i.late());
        m.put("excluded", i.excluded());
        m.put("publicScore", i.publicScore());
        m.put("privateScore", i.privateScore());
        m.put("message", i.message());
        return m;
    }
}
