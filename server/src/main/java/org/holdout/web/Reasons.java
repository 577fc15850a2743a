package org.holdout.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;

/** The optional reason staff give with an action, read from a JSON request for the audit log. */
final class Reasons {
    private static final int SHOWN = 40;

    private Reasons() {
    }

    /** A {@code "reason"} field: absent, null or blank for none, else a string. */
    static String of(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            String text = value.toString();
            throw new BadRequestResponse("\"reason\" must be a string, not "
                    + (text.length() > SHOWN ? text.substring(0, SHOWN) + "…" : text));
        }
        return value.asText().isBlank() ? null : value.asText().strip();
    }

    /** The reason of a request whose body is empty or {@code {"reason": "…"}}. */
    static String ofBody(Context ctx) {
        if (ctx.body().isBlank()) {
            return null;
        }
        JsonNode body;
        String notJson = "";
        try {
            body = ctx.bodyAsClass(JsonNode.class);
        } catch (Exception e) { // Jackson's exceptions are checked ones that Javalin's Kotlin code lets through
            body = null;
            notJson = Web.notJson(e);
        }
        if (body == null || !body.isObject()) {
            throw new BadRequestResponse("Send no body, or JSON like {\"reason\": \"…\"}." + notJson);
        }
        return of(body.get("reason"));
    }
}
