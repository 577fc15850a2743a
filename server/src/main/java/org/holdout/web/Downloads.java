package org.holdout.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file sent as an attachment byte for byte, with its exact Content-Length and never compressed: it is written to
 * the servlet's own output stream, past Javalin's compression, so a client that sends {@code Accept-Encoding: gzip}
 * gets the same bytes and length as one that does not. The data files are large binary arrays: compressing each
 * download would cost the server's CPU at every rush for little gain, and a known length gives clients a progress
 * bar and a check that nothing was cut off.
 */
public final class Downloads {
    private Downloads() {
    }

    /** Bytes built for this request (the starter kit), sent the same way as a file. */
    public static void send(Context ctx, byte[] content, String name, String contentType) throws IOException {
        HttpServletResponse res = ctx.res();
        res.setHeader("Content-Disposition", disposition(name));
        res.setContentType(contentType);
        res.setContentLengthLong(content.length);
        if (ctx.method() == HandlerType.HEAD) {
            return;
        }
        OutputStream out = res.getOutputStream();
        out.write(content);
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

    public static void send(Context ctx, Path file, String name, String contentType) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            HttpServletResponse res = ctx.res();
            res.setHeader("Content-Disposition", disposition(name));
            res.setContentType(contentType);
            res.setContentLengthLong(size);
            if (ctx.method() == HandlerType.HEAD) {
                return;
            }
            OutputStream out = res.getOutputStream();
            var target = Channels.newChannel(out);
            for (long sent = 0; sent < size; ) {
                long n = in.transferTo(sent, size - sent, target);
                if (n <= 0) {
                    throw new IOException(file + " became shorter while it was being sent");
                }
                sent += n;
            }
            out.flush();
        }
    }
}
