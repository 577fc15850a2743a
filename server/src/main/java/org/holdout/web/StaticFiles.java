package org.holdout.web;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;

/** The stylesheet and other files under {@code /static/} on the class path, by plain file name only. */
public final class StaticFiles {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final Map<String, String> TYPES = Map.of("css", "text/css; charset=utf-8", "js",
            "text/javascript; charset=utf-8", "png", "image/png", "svg", "image/svg+xml", "ico", "image/x-icon");

    private StaticFiles() {
    }

    public static void serve(Context ctx) throws IOException {
        String name = ctx.pathParam("file");
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        InputStream in = NAME.matcher(name).matches() && type != null
                ? StaticFiles.class.getResourceAsStream("/static/" + name) : null;
        if (in == null) {
            throw new NotFoundResponse("There is no file /static/" + name + ".");
        }
        try (in) {
            ctx.contentType(type).header("Cache-Control", "public, max-age=3600").result(in.readAllBytes());
        }
    }
}
