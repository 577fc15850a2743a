package org.holdout.grading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The grade export's three files, as bytes. CSV: UTF-8 with a byte-order mark (so spreadsheets read it as UTF-8), CRLF
 * line ends and quotes as RFC 4180 has them; numbers at full precision ({@link Double#toString}, which reads back to the
 * same double), an empty cell for none, {@code true}/{@code false}. A text cell a person typed (display name, e-mail, a
 * threshold's or the competition's name) that starts with {@code = + - @}, a tab or a CR gets a leading {@code '}, so
 * a spreadsheet shows it as text instead of running it as a formula; numbers and usernames (letters, digits,
 * {@code . _ -}: they cannot call a function) are never changed. JSON: the same keys, numbers as numbers, lists as
 * arrays. Canvas: the gradebook import columns {@code Student, ID, SIS User ID, SIS Login ID, Section} and one
 * assignment column with the points.
 */
public final class GradeFiles {
    static final String BOM = "\uFEFF";
    static final String EOL = "\r\n";
    /** What Canvas's own gradebook export writes in the Student column of the row giving each column's maximum. */
    static final String POINTS_POSSIBLE = "    Points Possible";
    static final List<String> CANVAS_COLUMNS = List.of("Student", "ID", "SIS User ID", "SIS Login ID", "Section");
    private static final ObjectMapper JSON = new ObjectMapper();

    private GradeFiles() {
    }

    public static byte[] csv(List<GradeRow> rows) {
        StringBuilder sb = new StringBuilder(BOM);
        line(sb, GradeRow.COLUMNS);
        for (GradeRow r : rows) {
            line(sb, List.of(field(r.username()), field(text(r.displayName())), field(text(r.email())),
                    number(r.publicScore()), number(r.publicRank()), number(r.privateScore()),
                    number(r.privateRank()), joinIds(r.finalSubmissions()), Integer.toString(r.submissions()),
                    field(text(String.join(";", r.passedPublic()))), field(text(String.join(";", r.passedPrivate()))),
                    Double.toString(r.pointsPublic()), Double.toString(r.pointsPrivate()),
                    Double.toString(r.pointsTotal()), Boolean.toString(r.late()), Boolean.toString(r.excluded()),
                    Boolean.toString(r.codeUploaded())));
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code {"competition", "title", "exported_at", "revealed", "grades": [{…}]}}: {@code revealed} false says the
     * private columns are not yet shown to students.
     */
    public static byte[] json(String slug, String title, Instant exportedAt, boolean revealed, List<GradeRow> rows) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("competition", slug);
        doc.put("title", title);
        doc.put("exported_at", exportedAt.toString());
        doc.put("revealed", revealed);
        List<Map<String, Object>> grades = new ArrayList<>();
        for (GradeRow r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("username", r.username());
            m.put("display_name", r.displayName());
            m.put("email", r.email());
            m.put("public_score", r.publicScore());
            m.put("public_rank", r.publicRank());
            m.put("private_score", r.privateScore());
            m.put("private_rank", r.privateRank());
            m.put("final_submissions", r.finalSubmissions());
            m.put("submissions", r.submissions());
            m.put("passed_public", r.passedPublic());
            m.put("passed_private", r.passedPrivate());
            m.put("points_public", r.pointsPublic());
            m.put("points_private", r.pointsPrivate());
            m.put("points_total", r.pointsTotal());
            m.put("late", r.late());
            m.put("excluded", r.excluded());
            m.put("code_uploaded", r.codeUploaded());
            grades.add(m);
        }
        doc.put("grades", grades);
        try {
            return (JSON.writeValueAsString(doc) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings, numbers and lists always serialize", e);
        }
    }

    /**
     * A Canvas gradebook import file: the header {@code Student,ID,SIS User ID,SIS Login ID,Section,<assignment>}, a
     * {@code Points Possible} row with {@code maxPoints}, then per student the display name, the username as the SIS
     * Login ID and {@code points_total}; Canvas's own ID, the SIS User ID and the Section stay empty (Holdout does not
     * know them: Canvas matches the row by the login ID).
     */
    public static byte[] canvas(String assignment, double maxPoints, List<GradeRow> rows) {
        StringBuilder sb = new StringBuilder(BOM);
        List<String> header = new ArrayList<>(CANVAS_COLUMNS);
        header.add(field(text(assignment)));
        line(sb, header);
        line(sb, List.of(POINTS_POSSIBLE, "", "", "", "", Double.toString(maxPoints)));
        for (GradeRow r : rows) {
            line(sb, List.of(field(text(r.displayName())), "", "", field(r.username()), "",
                    Double.toString(r.pointsTotal())));
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder sb, List<String> cells) {
        sb.append(String.join(",", cells)).append(EOL);
    }

    /** A text a spreadsheet would take for a formula, made plain text: {@code '} before it. */
    static String text(String s) {
        if (s == null || s.isEmpty()) {
            return s;
        }
        char c = s.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + s : s;
    }

    /** RFC 4180: in quotes when it holds a comma, a quote or a line end, with quotes doubled. */
    static String field(String s) {
        if (s == null) {
            return "";
        }
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static String number(Number n) {
        return n == null ? "" : n.toString();
    }

    private static String joinIds(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(";"));
    }
}
