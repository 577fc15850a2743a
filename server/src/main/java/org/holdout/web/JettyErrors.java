package org.holdout.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer to a request Jetty refuses before it reaches the app (headers or address too long, a request line it
 * cannot read): the same JSON {@code {"error", "status"}} as {@link Errors} under /api, the error page elsewhere,
 * instead of Jetty's own HTML. Where Jetty stopped before it had the path (an address too long, a request line it
 * cannot read), it cannot be told whether the request was for the API, and the answer is the page.
 */
final class JettyErrors extends ErrorHandler {
    private static final Logger LOG = LoggerFactory.getLogger(JettyErrors.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Function<Map<String, Object>, String> errorPage;

    /** {@code errorPage} renders the error template from its model. */
    JettyErrors(Function<Map<String, Object>, String> errorPage) {
        this.errorPage = errorPage;
    }

    /** A request Jetty could not parse; Jetty sends this body and closes the connection. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        HttpConnection connection = HttpConnection.getCurrentConnection();
        String message = message(status, reason, connection);
        String path = path(connection);
        SecurityHeaders.forPath(null).forEach(fields::put);
        if (path != null && Web.isApi(path)) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", message);
            body.put("status", status);
            try {
                fields.put(HttpHeader.CONTENT_TYPE, "application/json");
                return ByteBuffer.wrap(JSON.writeValueAsBytes(body));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("status", status);
        model.put("message", message);
        model.put("heading", Errors.heading(status));
        model.put("active", "error");
        String html;
        try {
            html = errorPage.apply(model);
        } catch (RuntimeException e) {
            LOG.error("cannot render the error page for a refused request", e);
            fields.put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            return ByteBuffer.wrap((status + " " + message).getBytes(StandardCharsets.UTF_8));
        }
        fields.put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
        return ByteBuffer.wrap(html.getBytes(StandardCharsets.UTF_8));
    }

    /** The path of the refused request, if Jetty got as far as reading it (else the request's URI is made up). */
    private static String path(HttpConnection connection) {
        if (connection == null) {
            return null;
        }
        MetaData.Request meta = connection.getHttpChannel().getRequest().getMetaData();
        HttpURI uri = meta == null ? null : meta.getURI();
        return uri == null || uri.getPath() == null || uri.getPath().isEmpty() ? null : uri.getPath();
    }

    static String message(int status, String reason, HttpConnection connection) {
        String limit = connection == null ? "" : " (the limit is "
                + Errors.human(connection.getHttpConfiguration().getRequestHeaderSize()) + ")";
        return switch (status) {
            case 414 -> "The address is too long" + limit + ".";
            case 431 -> "The request headers are too large" + limit + "; deleting the cookies of this site may help.";
            case 413 -> "The request is too large.";
            case 505 -> "This server speaks HTTP/1.1 and HTTP/1.0 only.";
            default -> "The request could not be read" + (reason == null || reason.isBlank()
                    || reason.equalsIgnoreCase(HttpStatus.getMessage(status)) ? "." : ": " + reason + ".");
        };
    }
}
