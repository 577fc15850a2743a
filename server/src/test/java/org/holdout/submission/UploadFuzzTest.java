package org.holdout.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.holdout.account.Role;
import org.holdout.testing.Client;
import org.holdout.testing.TestServer;
import org.holdout.testing.TinyCompetition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated broken uploads through a real server: multipart and raw bodies with broken CSVs, odd content types,
 * broken or missing boundaries, odd file names and encodings, through {@code POST /api/submissions} and the
 * {@code POST /submit} form. Never a 500: every API error is JSON {@code {"error", "status"}} with a message,
 * refused files do not count against the daily limit, and a valid upload afterwards still scores.
 * {@code -Dfuzz.seed=S -Dfuzz.count=N} change the seed (printed) and the number of API requests (the form gets a
 * sixth as many).
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UploadFuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", 20261206L);
    private static final int COUNT = Integer.getInteger("fuzz.count", 300);
    private static final int MAX_BYTES = 100_000;
    private static final Set<Integer> API_STATUSES = Set.of(201, 400, 413, 415, 422);
    private static final Set<Integer> FORM_STATUSES = Set.of(303, 400, 403, 413, 415);
    private static final ObjectMapper JSON = new ObjectMapper();

    TestServer server;
    Client student;
    int accepted;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        System.out.println("UploadFuzzTest: seed " + SEED + " (-Dfuzz.seed), " + COUNT + " API uploads (-Dfuzz.count)");
        server = new TestServer(dir, Map.of("daily.limit", "100000", "upload.max.bytes", String.valueOf(MAX_BYTES)));
        student = server.login("fuzz", Role.STUDENT);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** One generated request: what it is (for the failure message), its content type, body and extra headers. */
    record Req(String how, String contentType, byte[] body, String query, Map<String, String> headers,
               boolean chunked) {
        Req(String how, String contentType, byte[] body, String query, Map<String, String> headers) {
            this(how, contentType, body, query, headers, false);
        }

        @Override
        public String toString() {
            return how + (chunked ? " (chunked)" : "") + "; Content-Type " + show(contentType == null ? "(none)" : contentType) + "; query "
                    + show(query) + "; headers " + headers + "; body " + body.length + " bytes: " + show(body, 600);
        }
    }

    @Test
    void brokenUploadsNeverGetA500AndEveryApiErrorIsJsonWithAMessage() throws Exception {
        Random rnd = new Random(SEED);
        Map<String, Integer> statuses = new java.util.TreeMap<>();
        for (int i = 0; i < COUNT; i++) {
            Req req = apiRequest(rnd);
            String context = "API upload " + i + " of seed " + SEED + ": " + req;
            HttpResponse<String> r = sendApi(req, context);
            statuses.merge(r.statusCode() + " " + req.how().split(":")[0], 1, Integer::sum);
            checkApiAnswer(r, context);
        }
        for (int i = 0; i < COUNT / 6; i++) {
            Req req = formRequest(rnd);
            String context = "form upload " + i + " of seed " + SEED + ": " + req;
            HttpResponse<String> r = sendForm(req, context);
            statuses.merge("form " + r.statusCode(), 1, Integer::sum);
            checkFormAnswer(r, context);
        }
        System.out.println("UploadFuzzTest: " + statuses);

        HttpResponse<String> valid = student.uploadApi("valid.csv", TinyCompetition.submission(SEED));
        assertThat(valid.statusCode()).as(valid.body()).isEqualTo(201);
        JsonNode body = JSON.readTree(valid.body());
        assertThat(body.path("submission").path("publicScore").isNumber()).as(valid.body()).isTrue();
        accepted++;
        assertThat(body.path("submissionsLeftToday").asInt()).as("only accepted uploads count")
                .isEqualTo(100_000 - accepted);
        HttpResponse<String> viaForm = student.follow(student.uploadForm("valid.csv",
                TinyCompetition.submission(SEED + 1)));
        assertThat(viaForm.statusCode()).isEqualTo(200);
        assertThat(viaForm.body()).contains("valid.csv").doesNotContain("Something went wrong");
        HttpResponse<String> list = student.apiGet("/api/submissions");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(list.body()).path("submissions").size()).as("every upload that reached the rules")
                .isGreaterThan(accepted);
        HttpResponse<String> page = student.get("/submissions");
        assertThat(page.statusCode()).as("My submissions lists every odd name and message").isEqualTo(200);
        assertThat(page.body()).doesNotContain("Something went wrong");
        assertThat(student.getBytes("/submissions/chart.png").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> sendApi(Req req, String context) throws Exception {
        String query = req.query() == null ? "" : "?" + req.query();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + "/api/submissions" + query))
                .timeout(Duration.ofSeconds(60)).POST(req.chunked()
                        ? HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(req.body()))
                        : HttpRequest.BodyPublishers.ofByteArray(req.body()))
                .header("Authorization", "Bearer " + student.token);
        if (req.contentType() != null) {
            b.header("Content-Type", req.contentType());
        }
        req.headers().forEach(b::header);
        try {
            return student.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new AssertionError("no answer (" + e + ") to " + context, e);
        }
    }

    private void checkApiAnswer(HttpResponse<String> r, String context) throws Exception {
        assertThat(r.statusCode()).as("status of %s\nanswer: %s", context, r.body()).isIn(API_STATUSES);
        JsonNode json;
        try {
            json = JSON.readTree(r.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + r.body() + "\nfor " + context, e);
        }
        if (r.statusCode() == 201) {
            accepted++;
            assertThat(json.path("submission").path("publicScore").isNumber()).as(context).isTrue();
            return;
        }
        assertThat(json.path("status").asInt()).as("status field of %s\nanswer: %s", context, r.body())
                .isEqualTo(r.statusCode());
        assertThat(json.path("error").isTextual()).as("error field of %s\nanswer: %s", context, r.body()).isTrue();
        assertThat(json.path("error").asText()).as("error of %s", context).isNotBlank()
                .doesNotContain("Exception", "org.eclipse", "java.");
    }

    @Test
    void aControlCharacterInAPartHeaderIsA400ThatSaysWhereWithoutJavaClassNames() throws Exception {
        HttpResponse<String> r = student.uploadApi("a\u0000b.csv", TinyCompetition.submission(1));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).path("error").asText()).isEqualTo("The multipart/form-data body could not"
                + " be read: a part's header has a control character (is there one in the file name?); rename the file"
                + " and upload it again.");
    }

    private HttpResponse<String> sendForm(Req req, String context) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + "/submit"))
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(req.body()));
        if (req.contentType() != null) {
            b.header("Content-Type", req.contentType());
        }
        try {
            return student.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new AssertionError("no answer (" + e + ") to " + context, e);
        }
    }

    private void checkFormAnswer(HttpResponse<String> r, String context) throws Exception {
        assertThat(r.statusCode()).as("status of %s\nanswer: %s", context, r.body()).isIn(FORM_STATUSES);
        if (r.statusCode() == 303) {
            String location = r.headers().firstValue("Location").orElseThrow();
            if (location.endsWith("outcome=accepted")) {
                accepted++;
            }
            HttpResponse<String> page = student.get(location);
            assertThat(page.statusCode()).as("result page of %s", context).isEqualTo(200);
            assertThat(page.body()).as("result page of %s", context).doesNotContain("Something went wrong");
        } else {
            assertThat(r.body()).as("error page of %s", context).contains("<html").doesNotContain("Something went wrong");
        }
    }

    // ---- requests ------------------------------------------------------------------------------------------

    private static final String[] RAW_TYPES = {null, "", "text/csv", "text/csv; charset=utf-8", "text/csv; charset=utf-16",
        "text/csv; charset=\"", "text/csv;;;", "text/plain", "application/octet-stream", "application/csv", "*/*",
        "garbage", "text", "/", ";", "multipart/form-data", "multipart/form-data; boundary=",
        "multipart/form-data; boundary=\"\"", "multipart/form-data; boundary=x", "multipart/mixed; boundary=x",
        "MULTIPART/FORM-DATA; boundary=x", "application/x-www-form-urlencoded", "application/json",
        "application/json; charset=utf-8", "text/csv; boundary=x", "image/png", "application/gzip",
        "text/csv; charset=x-unknown-" + "z".repeat(300)};

    private static final String[] FILE_NAMES = {"submission.csv", "", " ", ".", "..", "../../etc/passwd",
        "C:\\Users\\ann\\sub.csv", "a\u0000b.csv", "\u00e9t\u00e9.csv", "\uD83D\uDE00.csv", "\u202Evsc.exe", "a;b.csv",
        "a%22b.csv", "a\tb.csv", "x".repeat(250) + ".csv", "y".repeat(1500) + ".csv", "CON", "sub.csv.gz",
        "\uFEFFsub.csv", "a\\\"b.csv", "a" + "\uD83D\uDE00".repeat(150) + ".csv"};

    private static final String[] ENCODINGS = {"gzip", "identity", "br", " ", "GZIP", "identity, gzip", "x-unknown",
        "deflate"};

    private Req apiRequest(Random r) {
        int kind = r.nextInt(20);
        if (kind < 10) {
            String name = pick(r, FILE_NAMES);
            byte[] csv = brokenCsv(r);
            String b = boundary(r);
            boolean open = r.nextInt(8) == 0;
            return new Req("multipart with a broken CSV" + (open ? " and no closing boundary: " : ": ") + csvHow,
                    "multipart/form-data; boundary=" + b, multipart(b, "file", name, partType(r), csv, open), null,
                    Map.of());
        }
        if (kind < 14) {
            return brokenMultipart(r, "file", null);
        }
        if (kind < 18) {
            byte[] csv = brokenCsv(r);
            String query = switch (r.nextInt(4)) {
                case 0 -> null;
                case 1 -> "filename=" + URLEncoder.encode(pick(r, FILE_NAMES), StandardCharsets.UTF_8);
                case 2 -> "filename=%FF%FE%00.csv&filename=";
                default -> "filename=" + "q".repeat(r.nextInt(3000));
            };
            Map<String, String> headers = r.nextInt(4) == 0 ? Map.of("X-File-Name", "x".repeat(r.nextInt(500)) + ".csv")
                    : Map.of();
            if (r.nextInt(5) == 0) {
                byte[] body = r.nextBoolean() ? csv : Arrays.copyOf(csv, MAX_BYTES + 1 + r.nextInt(50_000));
                return new Req("chunked raw body: " + body.length + " bytes, " + csvHow, "text/csv", body, query,
                        headers, true);
            }
            return new Req("raw body with a broken CSV: " + csvHow, pick(r, RAW_TYPES), csv, query, headers);
        }
        byte[] csv = r.nextBoolean() ? TinyCompetition.submission(r.nextLong()) : brokenCsv(r);
        return new Req("Content-Encoding", r.nextBoolean() ? "text/csv" : null, csv, null,
                Map.of("Content-Encoding", pick(r, ENCODINGS)));
    }

    private Req formRequest(Random r) {
        if (student.csrf() == null) {
            throw new IllegalStateException("logged in without a CSRF token");
        }
        if (r.nextInt(4) == 0) {
            return brokenMultipart(r, "file", student.csrf());
        }
        String b = boundary(r);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + b + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + student.csrf()
                + "\r\n").getBytes(StandardCharsets.UTF_8));
        byte[] csv = brokenCsv(r);
        out.writeBytes(multipart(b, "file", pick(r, FILE_NAMES), partType(r), csv, false));
        return new Req("form with a broken CSV: " + csvHow, "multipart/form-data; boundary=" + b, out.toByteArray(),
                null, Map.of());
    }

    private Req brokenMultipart(Random r, String field, String csrf) {
        String b = boundary(r);
        byte[] csv = r.nextBoolean() ? TinyCompetition.submission(r.nextLong()) : brokenCsv(r);
        String prefix = csrf == null ? "" : "--" + b + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
                + csrf + "\r\n";
        byte[] good = concat(prefix.getBytes(StandardCharsets.UTF_8), multipart(b, field, "s.csv", "text/csv", csv, false));
        String type = "multipart/form-data; boundary=" + b;
        return switch (r.nextInt(14)) {
            case 0 -> new Req("multipart: no boundary in the type", "multipart/form-data", good, null, Map.of());
            case 1 -> new Req("multipart: another boundary in the type", type + "x", good, null, Map.of());
            case 2 -> new Req("multipart: quoted boundary", "multipart/form-data; boundary=\"" + b + "\"", good, null,
                    Map.of());
            case 3 -> new Req("multipart: cut short", type, Arrays.copyOf(good, r.nextInt(good.length + 1)), null,
                    Map.of());
            case 4 -> new Req("multipart: the file in another field", type, concat(prefix.getBytes(StandardCharsets.UTF_8),
                    multipart(b, pick(r, new String[] {"files", "File", "", "file[]", "fil\u00e9"}), "s.csv", "text/csv",
                            csv, false)), null, Map.of());
            case 5 -> new Req("multipart: a part without a file name", type, concat(prefix.getBytes(StandardCharsets.UTF_8),
                    ("--" + b + "\r\nContent-Disposition: form-data; name=\"" + field + "\"\r\n\r\n").getBytes(
                            StandardCharsets.UTF_8), csv, ("\r\n--" + b + "--\r\n").getBytes(StandardCharsets.UTF_8)),
                    null, Map.of());
            case 6 -> new Req("multipart: two files", type, concat(prefix.getBytes(StandardCharsets.UTF_8),
                    multipart(b, field, "a.csv", "text/csv", csv, true), multipart(b, field, "b.csv", "text/csv",
                            brokenCsv(r), false)), null, Map.of());
            case 7 -> new Req("multipart: LF-only line ends", type, new String(good, StandardCharsets.ISO_8859_1)
                    .replace("\r\n", "\n").getBytes(StandardCharsets.ISO_8859_1), null, Map.of());
            case 8 -> new Req("multipart: garbage before the first boundary", type, concat(randomBytes(r, 200), good),
                    null, Map.of());
            case 9 -> new Req("multipart: empty body", type, new byte[0], null, Map.of());
            case 10 -> new Req("multipart: no part headers", type, concat(("--" + b + "\r\n\r\n").getBytes(
                    StandardCharsets.UTF_8), csv, ("\r\n--" + b + "--\r\n").getBytes(StandardCharsets.UTF_8)), null,
                    Map.of());
            case 11 -> new Req("multipart: a broken Content-Disposition", type, concat(prefix.getBytes(
                    StandardCharsets.UTF_8), ("--" + b + "\r\nContent-Disposition: " + pick(r, new String[] {
                        "form-data; name=\"file\"; filename=\"a.csv", "form-data; name=file; filename=a.csv",
                        "attachment", "form-data; name=\"file\"; filename*=UTF-8''%E2%82%AC.csv",
                        "form-data; name=\"file\"; filename=\"" + "z".repeat(20_000) + "\"", ";;;;", "",
                        "form-data; name=\"file\"; filename=\"\u00ff\u00fe.csv\""})
                    + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), csv,
                    ("\r\n--" + b + "--\r\n").getBytes(StandardCharsets.UTF_8)), null, Map.of());
            case 12 -> new Req("multipart: a huge file", type, concat(prefix.getBytes(StandardCharsets.UTF_8),
                    multipart(b, field, "big.csv", "text/csv", new byte[MAX_BYTES + 1 + r.nextInt(300_000)], false)),
                    null, Map.of());
            default -> new Req("multipart: random bytes", type, randomBytes(r, r.nextInt(4000)), null, Map.of());
        };
    }

    private static String boundary(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> "x";
            case 1 -> "-".repeat(30) + r.nextInt(1000);
            case 2 -> "b".repeat(70);
            default -> "holdout" + Long.toHexString(r.nextLong());
        };
    }

    private static String partType(Random r) {
        return pick(r, new String[] {"text/csv", "text/csv", "application/octet-stream", "text/csv; charset=utf-16",
            "application/gzip", "", "text/csv; charset=\"\"\""});
    }

    private static byte[] multipart(String boundary, String field, String fileName, String partType, byte[] content,
                                    boolean open) {
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + fileName + "\"\r\n" + (partType.isEmpty() ? "" : "Content-Type: " + partType + "\r\n") + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] end = ("\r\n--" + boundary + (open ? "" : "--") + "\r\n").getBytes(StandardCharsets.UTF_8);
        return open ? concat(head, content, ("\r\n").getBytes(StandardCharsets.UTF_8)) : concat(head, content, end);
    }

    // ---- broken CSVs ---------------------------------------------------------------------------------------

    private String csvHow = "";

    private static final String[] LITERALS = {"", "NaN", "-Infinity", "inf", "1e309", "-1e400", "4.9e-324", "1e-400",
        "-0.0", "+0", "0x1p-3", "1,5", "0.5d", " 1", "1 ", "\u0000", "1e", ".", "9".repeat(5000),
        "0." + "0".repeat(400) + "1", "1.7976931348623159e308", "\"0.5\"", "\"0.5", "0.5\"", "\uD83D\uDE00"};

    private static final String[] IDS = {"", "-1", "40", "007", "1e1", "\"3\"", " 3", "img3", "\u0663",
        "99999999999999999999", "3\u0000"};

    /** A submission for the tiny competition with one to three things broken; {@link #csvHow} says which. */
    private byte[] brokenCsv(Random r) {
        List<String> how = new ArrayList<>();
        List<String> lines = new ArrayList<>(List.of(new String(TinyCompetition.submission(r.nextLong()),
                StandardCharsets.UTF_8).split("\n")));
        String eol = "\n";
        Charset charset = StandardCharsets.UTF_8;
        String bom = "";
        byte[] raw = null;
        int edits = 1 + r.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int row = 1 + r.nextInt(lines.size() - 1);
            switch (r.nextInt(15)) {
                case 0 -> {
                    String lit = pick(r, LITERALS);
                    how.add("score of line " + (row + 1) + " := " + show(lit));
                    lines.set(row, lines.get(row).split(",", -1)[0] + "," + lit);
                }
                case 1 -> {
                    String id = pick(r, IDS);
                    how.add("Id of line " + (row + 1) + " := " + show(id));
                    String line = lines.get(row);
                    lines.set(row, id + line.substring(Math.max(0, line.indexOf(','))));
                }
                case 2 -> {
                    how.add("line " + (row + 1) + " deleted");
                    lines.remove(row);
                }
                case 3 -> {
                    how.add("line " + (row + 1) + " twice");
                    lines.add(1 + r.nextInt(lines.size() - 1), lines.get(row));
                }
                case 4 -> {
                    int n = r.nextInt(3000);
                    how.add("line " + (row + 1) + " with " + (n + 2) + " fields");
                    lines.set(row, lines.get(row) + ",1".repeat(n));
                }
                case 5 -> {
                    String c = pick(r, new String[] {"\"", "\u0000", "\r", "\t", "\uFEFF", "\u00a0", ","});
                    int at = r.nextInt(lines.get(row).length() + 1);
                    how.add(show(c) + " at " + at + " of line " + (row + 1));
                    lines.set(row, lines.get(row).substring(0, at) + c + lines.get(row).substring(at));
                }
                case 6 -> {
                    eol = pick(r, new String[] {"\r", "\r\n", "\n\r", "\r\r\n"});
                    how.add("line ends " + show(eol));
                }
                case 7 -> {
                    int n = 1000 + r.nextInt(120_000);
                    how.add("line " + (row + 1) + " " + n + " characters longer");
                    lines.set(row, lines.get(row) + "9".repeat(n));
                }
                case 8 -> {
                    charset = pick(r, new Charset[] {StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE,
                        StandardCharsets.UTF_16, StandardCharsets.ISO_8859_1});
                    bom = r.nextBoolean() ? "\uFEFF" : "";
                    how.add("in " + charset + (bom.isEmpty() ? "" : " with a BOM"));
                }
                case 9 -> {
                    String h = pick(r, new String[] {"", "id,predicted", "Id;Predicted", "Id,Predicted,",
                        "\"Id,Predicted", "Predicted,Id"});
                    how.add("header := " + show(h));
                    lines.set(0, h);
                }
                case 10 -> {
                    how.add("random bytes");
                    raw = randomBytes(r, r.nextInt(3000));
                }
                case 11 -> {
                    how.add("empty");
                    raw = new byte[0];
                }
                case 12 -> {
                    how.add("header only");
                    lines.subList(1, lines.size()).clear();
                    lines.add("");
                }
                case 13 -> {
                    how.add("a blank line " + (row + 1));
                    lines.add(row, "");
                }
                default -> how.add("nothing");
            }
            if (lines.size() < 2) {
                lines.add("0,0.5");
            }
        }
        csvHow = String.join(", ", how);
        if (raw != null) {
            return raw;
        }
        byte[] b = (bom + String.join(eol, lines) + eol).getBytes(charset);
        if (r.nextInt(10) == 0) {
            int at = r.nextInt(b.length + 1);
            csvHow += ", cut at byte " + at;
            b = Arrays.copyOf(b, at);
        }
        return b;
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static <T> T pick(Random r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    private static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static String show(String s) {
        return s == null ? "null" : show(s.getBytes(StandardCharsets.UTF_8), 120);
    }

    static String show(byte[] b, int max) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < Math.min(b.length, max); i++) {
            int c = b[i] & 0xff;
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> sb.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c)
                        : String.format(Locale.ROOT, "\\x%02X", c));
            }
        }
        sb.append('"');
        return b.length > max ? sb + "... (" + (b.length - max) + " more bytes)" : sb.toString();
    }
}
