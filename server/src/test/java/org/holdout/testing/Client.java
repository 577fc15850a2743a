package org.holdout.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser-like HTTP client: cookies, CSRF token scraped from pages, multipart forms; plus token calls. */
public final class Client {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    public final String base;
    public final HttpClient http;
    public String token;
    private String csrf;

    public Client(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    public HttpResponse<String> login(String user, String password) throws Exception {
        get("/login");
        HttpResponse<String> r = postForm("/login", Map.of("username", user, "password", password), true);
        if (r.statusCode() != 302) {
            throw new AssertionError("login of " + user + " failed: " + r.statusCode());
        }
        get("/");
        return r;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = CSRF.matcher(r.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return r;
    }

    public HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<String> api(String method, String path, String bearer, HttpRequest.BodyPublisher body,
                                    String contentType) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method, body);
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> apiGet(String path) throws IOException, InterruptedException {
        return api("GET", path, token, HttpRequest.BodyPublishers.noBody(), null);
    }

    /** POST /api/submissions with the token, as multipart field "file". */
    public HttpResponse<String> uploadApi(String fileName, byte[] csv) throws IOException, InterruptedException {
        return uploadApiTo("/api/submissions", fileName, csv);
    }

    /** POST to this submissions path ({@code /api/c/<slug>/submissions}) with the token, as multipart field "file". */
    public HttpResponse<String> uploadApiTo(String path, String fileName, byte[] csv)
            throws IOException, InterruptedException {
        Multipart mp = new Multipart().file("file", fileName, csv);
        return api("POST", path, token, mp.publisher(), mp.contentType());
    }

    public HttpResponse<String> uploadRaw(byte[] csv) throws IOException, InterruptedException {
        return api("POST", "/api/submissions?filename=raw.csv", token, HttpRequest.BodyPublishers.ofByteArray(csv),
                "text/csv");
    }

    /** The submit form, as a browser sends it (session cookie + CSRF field). */
    public HttpResponse<String> uploadForm(String fileName, byte[] csv) throws IOException, InterruptedException {
        return uploadFormTo("", fileName, csv);
    }

    /** The submit form of the competition whose pages start with {@code prefix} ({@code /c/<slug>}). */
    public HttpResponse<String> uploadFormTo(String prefix, String fileName, byte[] csv)
            throws IOException, InterruptedException {
        if (csrf == null) {
            get(prefix + "/submit");
        }
        Multipart mp = new Multipart().field("_csrf", csrf).file("file", fileName, csv);
        return http.send(HttpRequest.newBuilder(URI.create(base + prefix + "/submit"))
                .header("Content-Type", mp.contentType()).POST(mp.publisher()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Where a form's 303 leads (as a browser follows it); any other answer as it is. */
    public HttpResponse<String> follow(HttpResponse<String> r) throws IOException, InterruptedException {
        if (r.statusCode() != 303) {
            return r;
        }
        return get(r.headers().firstValue("Location").orElseThrow());
    }

    public HttpResponse<String> postForm(String path, Map<String, String> fields, boolean withCsrf)
            throws IOException, InterruptedException {
        List<String> parts = new ArrayList<>();
        fields.forEach((k, v) -> parts.add(enc(k) + "=" + enc(v)));
        if (withCsrf && csrf != null) {
            parts.add("_csrf=" + enc(csrf));
        }
        return http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", parts))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public String csrf() {
        return csrf;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A multipart/form-data body. */
    public static final class Multipart {
        private final String boundary = "----holdout" + UUID.randomUUID();
        private final List<byte[]> parts = new ArrayList<>();

        public Multipart field(String name, String value) {
            parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                    + "\r\n").getBytes(StandardCharsets.UTF_8));
            return this;
        }

        public Multipart file(String name, String fileName, byte[] content) {
            parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                    + fileName + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            parts.add(content);
            parts.add("\r\n".getBytes(StandardCharsets.UTF_8));
            return this;
        }

        public String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        public HttpRequest.BodyPublisher publisher() {
            List<byte[]> all = new ArrayList<>(parts);
            all.add(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return HttpRequest.BodyPublishers.ofByteArrays(all);
        }
    }
}
