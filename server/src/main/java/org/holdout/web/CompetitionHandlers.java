package org.holdout.web;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.holdout.competition.Competition;
import org.holdout.competition.CompetitionService;
import org.holdout.competition.CompetitionStatus;
import org.holdout.competition.DataPreview;
import org.holdout.competition.StarterKit;
import org.holdout.submission.SubmissionService;

/** The list of competitions, each one's overview (rules) and data pages, and the allow-listed downloads. */
public final class CompetitionHandlers {
    private static final int PREVIEW_IMAGES = 16;
    private final CompetitionService competitions;
    private final Clock clock;
    /** Previews by file, size and modification time: drawn once, not on every page view. */
    private final Map<String, byte[]> previews = new java.util.concurrent.ConcurrentHashMap<>();

    public CompetitionHandlers(CompetitionService competitions, Clock clock) {
        this.competitions = competitions;
        this.clock = clock;
    }

    /** {@code /}: the list of the competitions the caller may enter when there are several, else the only one's overview. */
    public void home(Context ctx) {
        if (CompetitionScope.named(ctx)) {
            overview(ctx);
            return;
        }
        List<Competition> all = competitions.repository().all();
        if (all.size() == 1) {
            overview(ctx);
            return;
        }
        Instant now = clock.instant();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Competition c : competitions.enterable(Web.account(ctx))) {
            Map<String, Object> row = new HashMap<>();
            row.put("href", "/c/" + c.slug());
            row.put("title", c.title());
            row.put("slug", c.slug());
            row.put("status", CompetitionStatus.of(c, now).label());
            row.put("deadline", c.deadline() == null ? null : c.format(c.deadline()));
            rows.add(row);
        }
        Web.render(ctx, "competitions", Map.of("competitions", rows));
    }

    private void overview(Context ctx) {
        Competition c = Web.competition(ctx);
        Web.render(ctx, "overview", Map.of("rules", competitions.rulesHtml(c),
                "deadline", c.deadline() == null ? "" : c.format(c.deadline()),
                "dailyLimit", c.dailyLimit(), "zone", c.timeZone().getId()));
    }

    public void data(Context ctx) throws IOException {
        Competition c = Web.competition(ctx);
        List<Map<String, Object>> files = new ArrayList<>();
        for (Map.Entry<String, Path> e : competitions.downloads(c).entrySet()) {
            files.add(Map.of("name", e.getKey(), "href", Web.base(ctx) + "/data/" + e.getKey(),
                    "bytes", Errors.human(Files.size(e.getValue()))));
        }
        files.add(Map.of("name", StarterKit.NAME, "href", Web.base(ctx) + "/data/" + StarterKit.NAME,
                "bytes", Errors.human(competitions.starterKit(c, serverUrl(ctx)).length)));
        Web.render(ctx, "data", Map.of("files", files));
    }

    public void download(Context ctx) throws IOException {
        Competition c = Web.competition(ctx);
        String name = ctx.pathParam("file");
        if (name.equals(StarterKit.NAME)) {
            Downloads.send(ctx, competitions.starterKit(c, serverUrl(ctx)), name, "application/zip");
            return;
        }
        Path p = competitions.downloads(c).get(name);
        if (p == null) {
            throw new NotFoundResponse(Web.text(ctx, "data.noDownload", name));
        }
        Downloads.send(ctx, p, name, name.endsWith(".csv") ? "text/csv; charset=utf-8" : "application/octet-stream");
    }

    /** {@code /data/preview/train.png} or {@code test.png}: the first images of that file as a grid. */
    public void preview(Context ctx) throws IOException {
        Competition c = Web.competition(ctx);
        String name = ctx.pathParam("set");
        Path p = name.equals("train.png") || name.equals("test.png")
                ? competitions.downloads(c).get(name.replace(".png", ".npy")) : null;
        if (p == null) {
            throw new NotFoundResponse(Web.text(ctx, "data.noPreview", name));
        }
        String key = p.toAbsolutePath() + "|" + Files.size(p) + "|" + Files.getLastModifiedTime(p).toMillis();
        byte[] png = previews.get(key);
        if (png == null) {
            png = DataPreview.png(p, PREVIEW_IMAGES, 8);
            previews.put(key, png);
        }
        ctx.header("Cache-Control", "private, max-age=300");
        ctx.contentType("image/png").result(png);
    }

    /** The address students reach this server at, as the request names it (behind a proxy: its forwarded one). */
    private static String serverUrl(Context ctx) {
        return ctx.scheme() + "://" + ctx.host();
    }
}
