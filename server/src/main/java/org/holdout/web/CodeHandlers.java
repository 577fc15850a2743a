package org.holdout.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.holdout.account.Account;
import org.holdout.code.CodeRefusal;
import org.holdout.code.CodeRules;
import org.holdout.code.CodeUpload;
import org.holdout.code.CodeUploadService;
import org.holdout.competition.Competition;

/**
 * The code and report step: the student's Code &amp; report page and {@code POST/GET /api/code}, their own latest zip,
 * and for staff the list of every student's latest upload ({@code /staff/code}, {@code GET /api/staff/code}) and the
 * downloads of one ({@code /api/staff/code/{username}}) or all ({@code /api/staff/code.zip}).
 */
public final class CodeHandlers {
    private final CodeUploadService code;
    private final org.holdout.account.AccountRepository accounts;

    public CodeHandlers(CodeUploadService code, org.holdout.account.AccountRepository accounts) {
        this.code = code;
        this.accounts = accounts;
    }

    public void page(Context ctx) {
        render(ctx, ctx.queryParam("uploaded") != null ? Web.text(ctx, "code.uploaded") : null, null, List.of());
    }

    /** Post/Redirect/Get on success; a refusal shows the page again with the reason, nothing stored. */
    public void form(Context ctx) {
        CodeUploadService.Outcome o = upload(ctx);
        if (o.reason() == CodeUploadService.Outcome.Reason.ACCEPTED) {
            ctx.redirect(Web.base(ctx) + "/code?uploaded=" + o.upload().id(), HttpStatus.SEE_OTHER);
            return;
        }
        ctx.status(o.reason().status);
        render(ctx, null, o.why().in(LocalizedThymeleaf.locale(ctx)), notes(ctx, o));
    }

    public void apiUpload(Context ctx) {
        CodeUploadService.Outcome o = upload(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        if (o.reason() != CodeUploadService.Outcome.Reason.ACCEPTED) {
            body.put("error", o.why().in(LocalizedThymeleaf.locale(ctx)));
            body.put("status", o.reason().status);
        } else {
            body.put("upload", json(o.upload()));
        }
        body.put("notes", notes(ctx, o));
        ctx.status(o.reason().status).json(body);
    }

    /** The code step as the student sees it, and their latest upload (null: none yet). */
    public void apiMine(Context ctx) {
        Competition c = Web.competition(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("codeDeadline", c.codeDeadline());
        body.put("open", CodeRules.closed(c, code.clock().instant()) == null);
        body.put("reportRule", c.reportRule().toString());
        body.put("reportRuleText", c.reportRule().words());
        body.put("maxBytes", code.maxBytes());
        body.put("upload", code.repository().latest(c.id(), Web.account(ctx).id()).map(CodeHandlers::json)
                .orElse(null));
        ctx.json(body);
    }

    public void myZip(Context ctx) throws IOException {
        Competition c = Web.competition(ctx);
        CodeUpload u = code.repository().latest(c.id(), Web.account(ctx).id())
                .orElseThrow(() -> new NotFoundResponse(Web.text(ctx, "code.notYet")));
        send(ctx, u);
    }

    public void staffPage(Context ctx) {
        Competition c = Web.competition(ctx);
        List<Map<String, Object>> rows = new ArrayList<>();
        int uploaded = 0;
        int missing = 0;
        for (CodeUploadService.StudentCode s : code.staffList(c)) {
            Map<String, Object> m = staffJson(s);
            if (s.latest() != null) {
                uploaded++;
                m.put("receivedText", c.format(s.latest().received()));
                m.put("sizeText", Errors.human(s.latest().sizeBytes()));
            }
            if (s.reportMissing()) {
                missing++;
            }
            rows.add(m);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("competition", c);
        model.put("rows", rows);
        model.put("uploaded", uploaded);
        model.put("missing", missing);
        model.put("codeDeadline", c.codeDeadline() == null ? null : c.format(c.codeDeadline()));
        model.put("rule", c.reportRule().toString());
        model.put("ruleText", c.reportRule().words());
        model.put("unknownWhy", rows.stream().anyMatch(r -> "unknown".equals(r.get("reportRequired")))
                ? Web.text(ctx, "staffCode.unknownWhy", c.reportRule().threshold()) : null);
        model.put("active", "staff");
        Web.render(ctx, "staff-code", model);
    }

    public void staffApi(Context ctx) {
        ctx.json(code.staffList(Web.competition(ctx)).stream().map(CodeHandlers::staffJson).toList());
    }

    public void staffOne(Context ctx) throws IOException {
        Competition c = Web.competition(ctx);
        String username = ctx.pathParam("username");
        Account a = accounts.byUsername(username).orElseThrow(() -> new NotFoundResponse("There is no account \""
                + shortened(username) + "\"."));
        CodeUpload u = code.repository().latest(c.id(), a.id()).orElseThrow(() -> new NotFoundResponse(
                a.username() + " has not uploaded a code zip in " + c.slug() + "."));
        send(ctx, u);
    }

    /** Every student's latest zip in one zip, written as it is read (nothing of it is held in memory). */
    public void staffAll(Context ctx) throws IOException {
        Competition c = Web.competition(ctx);
        ctx.res().setHeader("Content-Disposition", "attachment; filename=\"" + c.slug() + "-code.zip\"");
        ctx.res().setContentType("application/zip");
        // written as it is read, so neither its length nor a byte range of it is known in advance
        ctx.res().setHeader("Accept-Ranges", "none");
        if (ctx.method() == HandlerType.HEAD) {
            return;
        }
        code.writeAll(c, ctx.res().getOutputStream());
    }

    private CodeUploadService.Outcome upload(Context ctx) {
        Competition c = Web.competition(ctx);
        Account me = Web.account(ctx);
        CodeRefusal closed = CodeRules.whyClosed(c, code.clock().instant());
        if (closed != null) {
            return new CodeUploadService.Outcome(CodeUploadService.Outcome.Reason.CLOSED, null, closed, List.of());
        }
        Uploads.Streamed up = Uploads.stream(ctx, code.maxBytes(),
                code.tooLarge().in(LocalizedThymeleaf.locale(ctx)));
        try (InputStream in = up.in()) {
            return code.upload(c, me, up.fileName(), in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> notes(Context ctx, CodeUploadService.Outcome o) {
        return o.notes().stream().map(n -> n.in(LocalizedThymeleaf.locale(ctx))).toList();
    }

    private void send(Context ctx, CodeUpload u) throws IOException {
        Path f = code.file(u).orElseThrow(() -> new NotFoundResponse(Web.text(ctx, "code.fileMissing", u.sha256())));
        Downloads.send(ctx, f, u.fileName(), "application/zip", u.sha256());
    }

    private void render(Context ctx, String notice, String error, List<String> notes) {
        Competition c = Web.competition(ctx);
        Map<String, Object> m = new HashMap<>();
        m.put("competition", c);
        m.put("closed", CodeRules.closed(c, code.clock().instant()) == null ? null : c.codeDeadline() == null
                ? Web.text(ctx, "code.noStep") : Web.text(ctx, "code.closed", c.format(c.codeDeadline())));
        m.put("codeDeadline", c.codeDeadline() == null ? null : c.format(c.codeDeadline()));
        m.put("ruleText", switch (c.reportRule().kind()) {
            case NONE -> Web.text(ctx, "code.rule.none");
            case ALL -> Web.text(ctx, "code.rule.all");
            case PASSING -> Web.text(ctx, "code.rule.passing", c.reportRule().threshold());
        });
        m.put("maxText", Errors.human(code.maxBytes()));
        m.put("notice", notice);
        m.put("error", error);
        m.put("notes", notes);
        CodeUpload u = code.repository().latest(c.id(), Web.account(ctx).id()).orElse(null);
        m.put("upload", u);
        if (u != null) {
            m.put("receivedText", c.format(u.received()));
            m.put("sizeText", Errors.human(u.sizeBytes()));
        }
        m.put("active", "code");
        Web.render(ctx, "code", m);
    }

    private static Map<String, Object> json(CodeUpload u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", u.id());
        m.put("fileName", u.fileName());
        m.put("sha256", u.sha256());
        m.put("sizeBytes", u.sizeBytes());
        m.put("received", u.received());
        m.put("entries", u.entries());
        m.put("hasReport", u.hasReport());
        return m;
    }

    private static Map<String, Object> staffJson(CodeUploadService.StudentCode s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", s.username());
        m.put("displayName", s.displayName());
        m.put("uploads", s.uploads());
        m.put("latest", s.latest() == null ? null : json(s.latest()));
        m.put("reportRequired", switch (s.report()) {
            case REQUIRED -> "yes";
            case NOT_REQUIRED -> "no";
            case UNKNOWN -> "unknown";
        });
        m.put("reportMissing", s.reportMissing());
        return m;
    }

    private static String shortened(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
