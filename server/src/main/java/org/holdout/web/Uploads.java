package org.holdout.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import org.holdout.submission.Compression;

/**
 * Reads an uploaded CSV from a multipart field {@code file} or a raw body, never more than the size limit; or opens a
 * larger upload (a code zip) the same two ways as a stream, for its service to copy to disk.
 */
public final class Uploads {
    private final long maxBytes;
    private final Errors errors;

    public Uploads(long maxBytes, Errors errors) {
        this.maxBytes = maxBytes;
        this.errors = errors;
    }

    public record Upload(String fileName, byte[] bytes) {
    }

    public Upload read(Context ctx) {
        Locale locale = LocalizedThymeleaf.locale(ctx);
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes + 64 * 1024) {
            throw new HttpResponseException(413, errors.tooLargeMessage(locale));
        }
        String encoding = ctx.header("Content-Encoding");
        if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
            throw new HttpResponseException(415, Messages.text(locale, "upload.encoding", encoding.strip()));
        }
        String type = ctx.contentType() == null ? "" : ctx.contentType();
        try {
            if (type.startsWith("multipart/form-data")) {
                UploadedFile f = multipart(ctx, () -> ctx.uploadedFile("file"));
                if (f == null) {
                    throw new BadRequestResponse(Messages.text(locale, "upload.noField"));
                }
                if (f.size() > maxBytes) {
                    throw new HttpResponseException(413, errors.tooLargeMessage(locale));
                }
                try (InputStream in = f.content()) {
                    return notCompressed(new Upload(f.filename(), readBounded(in, (int) f.size(), locale)), locale);
                }
            }
            if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("application/json")) {
                throw new BadRequestResponse(Messages.text(locale, "upload.wrongType", type.split(";", 2)[0]));
            }
            byte[] body = readBounded(ctx.req().getInputStream(), (int) Math.max(0, declared), locale);
            if (body.length == 0) {
                throw new BadRequestResponse(Messages.text(locale, "upload.empty"));
            }
            String name = ctx.queryParam("filename");
            return notCompressed(new Upload(name != null ? name : ctx.header("X-File-Name"), body), locale);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An upload to be read as a stream: its file name (may be null), its bytes, its declared length (-1: unknown). */
    public record Streamed(String fileName, InputStream in, long declared) {
    }

    /**
     * Opens the zip sent as multipart field {@code file} or as the raw body (its name in {@code ?filename=} or
     * {@code X-File-Name}); one declared larger than {@code limit} is a 413 with {@code tooLarge} before any is read.
     */
    public static Streamed stream(Context ctx, long limit, String tooLarge) {
        String encoding = ctx.header("Content-Encoding");
        if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
            throw new HttpResponseException(415, Web.text(ctx, "upload.zip.encoding", encoding.strip()));
        }
        String type = ctx.contentType() == null ? "" : ctx.contentType();
        try {
            if (type.startsWith("multipart/form-data")) {
                UploadedFile f = multipart(ctx, () -> ctx.uploadedFile("file"));
                if (f == null) {
                    throw new BadRequestResponse(Web.text(ctx, "upload.zip.noField"));
                }
                if (f.size() > limit) {
                    throw new HttpResponseException(413, tooLarge);
                }
                return new Streamed(f.filename(), f.content(), f.size());
            }
            if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("application/json")) {
                throw new BadRequestResponse(Web.text(ctx, "upload.zip.wrongType", type.split(";", 2)[0]));
            }
            long declared = ctx.req().getContentLengthLong();
            if (declared > limit) {
                throw new HttpResponseException(413, tooLarge);
            }
            String name = ctx.queryParam("filename");
            return new Streamed(name != null ? name : ctx.header("X-File-Name"), ctx.req().getInputStream(), declared);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A compressed file sent as it is (a {@code .gz} or {@code .zip} of the CSV) is a 415 that says so, not a refusal
     * saying its first line "is not UTF-8 text", which sends students looking for an encoding problem.
     */
    private static Upload notCompressed(Upload up, Locale locale) {
        String kind = Compression.of(up.bytes());
        if (kind != null) {
            String name = up.fileName() == null || up.fileName().isBlank() ? Messages.text(locale, "upload.theFile")
                    : "\"" + up.fileName() + "\"";
            throw new HttpResponseException(415, Messages.text(locale, "upload.compressed", name, kind));
        }
        return up;
    }

    /**
     * Runs {@code read} on the request's multipart body, which Jetty parses on first use: a body that does not parse
     * is the client's mistake (400 naming Jetty's complaint), not a server failure; too large stays a 413.
     */
    public static <T> T multipart(Context ctx, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            if (e instanceof HttpResponseException || Errors.isTooLarge(e)) {
                throw e;
            }
            throw unreadable(ctx, e);
        } catch (Exception e) {
            if (Errors.isTooLarge(e)) {
                throw new IllegalStateException("the upload is too large", e);
            }
            throw unreadable(ctx, e);
        }
    }

    private static BadRequestResponse unreadable(Context ctx, Exception e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (why.contains("Header Line Exceeded")) {
            return new BadRequestResponse(Web.text(ctx, "upload.multipart.longHeader"));
        }
        if (why.contains("Illegal character")) {
            return new BadRequestResponse(Web.text(ctx, "upload.multipart.control"));
        }
        return new BadRequestResponse(Web.text(ctx, "upload.multipart.other", withoutClassNames(why)));
    }

    /** Jetty's words without the Java class names that some of its messages start with ("a.b.FooException: 400: "). */
    static String withoutClassNames(String why) {
        String words = why.replaceAll("([a-zA-Z_$][\\w$]*\\.)+[\\w$]*(Exception|Error): ", "")
                .replaceFirst("^\\d{3}: ", "").strip();
        return words.isEmpty() ? "it is malformed" : words;
    }

    /** Reads into an array of the expected size when it is known, growing only if more comes. */
    private byte[] readBounded(InputStream in, int expected, Locale locale) throws IOException {
        long cap = maxBytes + 1;
        byte[] buf = new byte[(int) Math.max(1, Math.min(expected > 0 ? expected : 64 * 1024, cap))];
        int total = 0;
        while (true) {
            if (total == buf.length) {
                if (total > maxBytes) {
                    throw new HttpResponseException(413, errors.tooLargeMessage(locale));
                }
                int next = in.read();
                if (next < 0) {
                    return buf;
                }
                buf = Arrays.copyOf(buf, (int) Math.min(cap, 2L * buf.length));
                buf[total++] = (byte) next;
                continue;
            }
            int n = in.read(buf, total, buf.length - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        if (total > maxBytes) {
            throw new HttpResponseException(413, errors.tooLargeMessage(locale));
        }
        return total == buf.length ? buf : Arrays.copyOf(buf, total);
    }
}
