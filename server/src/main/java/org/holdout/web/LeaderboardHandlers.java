package org.holdout.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.holdout.account.Account;
import org.holdout.competition.Competition;
import org.holdout.leaderboard.BoardNames;
import org.holdout.leaderboard.Leaderboard;
import org.holdout.leaderboard.LeaderboardRow;

/** The leaderboard page and its JSON: the public board, and the private one for staff and after the reveal. */
public final class LeaderboardHandlers {
    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] RANK = "{\"rank\":".getBytes(StandardCharsets.US_ASCII);
    /** How a row without a rank starts; {@link #afterRank} keeps what follows. */
    private static final byte[] ROW_START = "{\"rank\":null".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_WRITTEN = 20_000;
    static final String STUDENTS_CANNOT_SEE = "students cannot see this yet";
    private final Map<RowKey, byte[]> written = new ConcurrentHashMap<>();
    private final Leaderboard leaderboard;

    public LeaderboardHandlers(Leaderboard leaderboard) {
        this.leaderboard = leaderboard;
    }

    public void page(Context ctx) {
        Competition c = Web.competition(ctx);
        Account viewer = Web.account(ctx);
        boolean privateBoard = privateBoardAsked(ctx, c);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("board", privateBoard ? "private" : "public");
        List<LeaderboardRow> rows = BoardNames.shownTo(privateBoard ? leaderboard.privateBoard(c)
                : leaderboard.publicBoard(c), viewer);
        m.put("rows", rows);
        m.put("myRow", rows.stream().filter(r -> !r.isThreshold() && viewer.username().equals(r.username()))
                .findFirst().orElse(null));
        m.put("revealed", c.privateRevealed());
        m.put("privateLink", c.privateRevealed() || viewer.isStaff());
        m.put("zone", c.timeZone());
        Web.render(ctx, "leaderboard", m);
    }

    /**
     * Whether the request asks for the private board ({@code ?board=private}) and may see it: staff always, students
     * after the reveal; a student asking before is refused without a number.
     */
    private static boolean privateBoardAsked(Context ctx, Competition c) {
        String board = ctx.queryParam("board");
        if (board == null || board.isBlank() || board.equals("public")) {
            return false;
        }
        if (!board.equals("private")) {
            throw new BadRequestResponse(Web.text(ctx, "board.unknown", board.length() > 40 ? board.substring(0, 40)
                    + "…" : board));
        }
        if (!c.privateRevealed() && !Web.account(ctx).isStaff()) {
            throw new ForbiddenResponse(Web.text(ctx, "board.private.notYet"));
        }
        return true;
    }

    public void api(Context ctx) throws IOException {
        Competition c = Web.competition(ctx);
        if (privateBoardAsked(ctx, c)) {
            privateApi(ctx, c);
            return;
        }
        List<LeaderboardRow> rows = BoardNames.shownTo(leaderboard.publicBoard(c), Web.account(ctx));
        boolean revealed = c.privateRevealed();
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 160 * rows.size());
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("competition", c.slug());
            g.writeBooleanField("privateRevealed", revealed);
            g.writeArrayFieldStart("rows");
            g.writeEndArray();
            g.writeEndObject();
        }
        byte[] empty = out.toByteArray();
        out.reset();
        out.write(empty, 0, empty.length - 2);
        for (int i = 0; i < rows.size(); i++) {
            LeaderboardRow r = rows.get(i);
            if (i > 0) {
                out.write(',');
            }
            out.write(RANK);
            out.write((r.rank() == null ? "null" : r.rank().toString()).getBytes(StandardCharsets.US_ASCII));
            out.write(afterRank(r, revealed));
        }
        out.write(empty, empty.length - 2, 2);
        ctx.contentType(ContentType.APPLICATION_JSON).result(out.toByteArray());
    }

    /** The private board: each row's private rank and score, public rank and shift; thresholds by private score. */
    private void privateApi(Context ctx, Competition c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("competition", c.slug());
        out.put("board", "private");
        out.put("privateRevealed", c.privateRevealed());
        out.put("studentsCanSee", c.privateRevealed());
        if (!c.privateRevealed()) {
            out.put("note", STUDENTS_CANNOT_SEE);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (LeaderboardRow r : BoardNames.shownTo(leaderboard.privateBoard(c), Web.account(ctx))) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("rank", r.rank());
            row.put("name", r.name());
            row.put("username", r.username());
            row.put("threshold", r.threshold());
            row.put("privateScore", r.privateScore());
            row.put("privateScoreText", r.privateText());
            row.put("publicScore", r.publicScore());
            row.put("public_rank", r.publicRank());
            row.put("shift", r.shift());
            row.put("entries", r.entries());
            rows.add(row);
        }
        out.put("rows", rows);
        ctx.json(out);
    }

    /**
     * A row's JSON from the comma after its rank to its closing brace, kept while the row stays the same: between
     * two reads of the board usually one student's row has changed, so the others are not formatted again.
     */
    private byte[] afterRank(LeaderboardRow r, boolean revealed) throws IOException {
        RowKey key = new RowKey(new LeaderboardRow(null, r.name(), r.username(), r.threshold(), r.publicScore(),
                r.privateScore(), r.entries(), r.lastSubmission()), revealed);
        byte[] json = written.get(key);
        if (json == null) {
            ByteArrayOutputStream one = new ByteArrayOutputStream(192);
            try (JsonGenerator g = JSON.createGenerator(one)) {
                writeRow(g, key.row(), revealed);
            }
            byte[] whole = one.toByteArray();
            json = Arrays.copyOfRange(whole, ROW_START.length, whole.length);
            if (written.size() >= MAX_WRITTEN) {
                written.clear();
            }
            written.put(key, json);
        }
        return json;
    }

    private record RowKey(LeaderboardRow row, boolean revealed) {
    }

    /** Written field by field (the same JSON as a map through Jackson, a fraction of the CPU on every board read). */
    private static void writeRow(JsonGenerator g, LeaderboardRow r, boolean revealed) throws IOException {
        g.writeStartObject();
        g.writeFieldName("rank");
        if (r.rank() == null) {
            g.writeNull();
        } else {
            g.writeNumber(r.rank());
        }
        g.writeStringField("name", r.name());
        g.writeStringField("username", r.username());
        g.writeStringField("baseline", r.threshold()); // the field scripts read since the baselines were fixed tiers
        writeDouble(g, "publicScore", r.publicScore());
        g.writeStringField("publicScoreText", r.publicText());
        if (revealed) {
            writeDouble(g, "privateScore", r.privateScore());
        }
        g.writeNumberField("entries", r.entries());
        g.writeStringField("lastSubmission", r.lastSubmission() == null ? null : r.lastSubmission().toString());
        g.writeEndObject();
    }

    private static void writeDouble(JsonGenerator g, String field, Double v) throws IOException {
        g.writeFieldName(field);
        if (v == null) {
            g.writeNull();
        } else {
            g.writeNumber(v);
        }
    }
}
