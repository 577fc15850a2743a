package org.holdout.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * A file sent as an attachment byte for byte, with its exact Content-Length and never compressed: it is written to
 * the servlet's own output stream, past Javalin's compression, so a client that sends {@code Accept-Encoding: gzip}
 * gets the same bytes and length as one that does not. The data files are large binary arrays: compressing each
 * download would cost the server's CPU at every rush for little gain, and a known length gives clients a progress
 * bar and a check that nothing was cut off. A single byte range is answered with 206 ({@link ByteRanges}), so a cut
 * download resumes.
 */
public final class Downloads {
    private Downloads() {
    }

    /** Bytes built for this request (the starter kit), sent the same way as a file; their SHA-256 is the ETag. */
    public static void send(Context ctx, byte[] content, String name, String contentType) throws IOException {
        ByteRanges.Answer a = answer(ctx, content.length, etag(sha256(content)), null);
        if (!head(ctx, a, name, contentType)) {
            return;
        }
        OutputStream out = ctx.res().getOutputStream();
        out.write(content, (int) a.first(), (int) a.length());
        out.flush();
    }

    /**
     * {@code attachment} with {@code name}: as it is when it is plain ASCII; otherwise an ASCII stand-in and the real
     * name in {@code filename*} (RFC 6266), since a header carries only Latin-1 and a student's "作業三.zip" would
     * reach the browser as "???.zip".
     */
    static String disposition(String name) {
        StringBuilder ascii = new StringBuilder();
        boolean plain = true;
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            boolean ok = ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\';
            plain &= ok;
            if (ok) {
                ascii.append(ch);
            } else if (!Character.isLowSurrogate(ch)) {
                ascii.append('_');
            }
        }
        if (plain) {
            return "attachment; filename=\"" + name + "\"";
        }
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format(java.util.Locale.ROOT, "%02X", c));
            }
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    /** A file whose SHA-256 is not at hand: its modification time is the validator {@code If-Range} compares. */
    public static void send(Context ctx, Path file, String name, String contentType) throws IOException {
        send(ctx, file, name, contentType, null);
    }

    /**
     * A file, the whole of it or the one byte range asked for ({@link ByteRanges}); {@code sha256} (hex, or null when
     * unknown) becomes a strong ETag, and the file's modification time is sent as Last-Modified either way.
     */
    public static void send(Context ctx, Path file, String name, String contentType, String sha256) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            String modified = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    Files.getLastModifiedTime(file).toInstant().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
            ByteRanges.Answer a = answer(ctx, size, sha256 == null ? null : etag(sha256), modified);
            if (!head(ctx, a, name, contentType)) {
                return;
            }
            OutputStream out = ctx.res().getOutputStream();
            var target = Channels.newChannel(out);
            long end = a.first() + a.length();
            for (long at = a.first(); at < end; ) {
                long n = in.transferTo(at, end - at, target);
                if (n <= 0) {
                    throw new IOException(file + " became shorter while it was being sent");
                }
                at += n;
            }
            out.flush();
        }
    }

    private static ByteRanges.Answer answer(Context ctx, long size, String etag, String modified) {
        HttpServletResponse res = ctx.res();
        res.setHeader("Accept-Ranges", "bytes");
        if (etag != null) {
            res.setHeader("ETag", etag);
        }
        if (modified != null) {
            res.setHeader("Last-Modified", modified);
        }
        return ByteRanges.answer(ctx.method() == HandlerType.GET, ctx.header("Range"), ctx.header("If-Range"), size,
                etag, modified);
    }

    /** Sets status and headers for {@code a}; true when the body is to follow (a GET that can be answered). */
    private static boolean head(Context ctx, ByteRanges.Answer a, String name, String contentType) {
        HttpServletResponse res = ctx.res();
        if (a.kind() == ByteRanges.Kind.UNSATISFIABLE) {
            res.setHeader("Content-Range", a.contentRange());
            Errors.respond(ctx, 416, Web.text(ctx, "download.unsatisfiable", shown(ctx.header("Range")),
                    String.valueOf(a.size())));
            return false;
        }
        res.setHeader("Content-Disposition", disposition(name));
        res.setContentType(contentType);
        res.setContentLengthLong(a.length());
        if (a.kind() == ByteRanges.Kind.PART) {
            res.setStatus(206);
            res.setHeader("Content-Range", a.contentRange());
        }
        return ctx.method() != HandlerType.HEAD;
    }

    private static String shown(String header) {
        return header.length() > 80 ? header.substring(0, 80) + "…" : header;
    }

    private static String etag(String sha256) {
        return "\"" + sha256 + "\"";
    }

    private static String sha256(byte[] content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
