package org.holdout.web;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.holdout.audit.AuditEntry;
import org.holdout.audit.AuditLog;
import org.holdout.competition.Competition;
import org.holdout.submission.SubmissionService;

/** A competition's audit log, for staff: a page and {@code GET /api/staff/audit}. */
public final class AuditHandlers {
    static final int SHOWN = 1000;

    private final AuditLog log;

    public AuditHandlers(AuditLog log) {
        this.log = log;
    }

    public void page(Context ctx) {
        Competition c = Web.competition(ctx);
        List<Map<String, Object>> rows = log.forCompetition(c.id(), SHOWN).stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>(json(e));
            m.put("atText", c.format(e.at()));
            return m;
        }).toList();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("entries", rows);
        model.put("shown", SHOWN);
        Web.render(ctx, "audit", model);
    }

    public void api(Context ctx) {
        ctx.json(log.forCompetition(Web.competition(ctx).id(), SHOWN).stream().map(AuditHandlers::json).toList());
    }

    private static Map<String, Object> json(AuditEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("at", e.at());
        m.put("actor", e.actor());
        m.put("action", e.action());
        m.put("detail", e.detail());
        m.put("reason", e.reason());
        return m;
    }
}
