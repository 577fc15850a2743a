package org.holdout.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.holdout.competition.Competition;
import org.holdout.competition.CompetitionService;
import org.holdout.competition.Setting;
import org.holdout.competition.SettingsRules;
import org.holdout.competition.SettingsService;

/**
 * A competition's settings for staff: the page {@code /staff/settings} (with a preview of the rules that saves
 * nothing) and {@code GET/PUT /api/staff/settings}.
 */
public final class SettingsHandlers {
    private static final String REASON = "reason";
    private static final String PREVIEW = "preview";
    private static final String SHOWN = "shown.";

    private final CompetitionService competitions;
    private final SettingsService settings;

    public SettingsHandlers(CompetitionService competitions, SettingsService settings) {
        this.competitions = competitions;
        this.settings = settings;
    }

    public void page(Context ctx) {
        Competition c = Web.competition(ctx);
        Map<String, String> values = current(c);
        values.put(SettingsService.RESTRICTED, c.restricted() ? "on" : null);
        String saved = ctx.queryParam("saved");
        // only a count goes into the notice: the address is anyone's to write
        if (saved != null && !saved.matches("\\d{1,3}")) {
            saved = null;
        }
        render(ctx, c, values, shown(c), Map.of(), null, saved == null ? null : saved.equals("0")
                ? Web.text(ctx, "settings.notice.none") : Web.text(ctx, "settings.notice.saved", saved));
    }

    /**
     * Saves the fields that differ from what the page showed (one left as shown is neither checked nor saved, so a value
     * set elsewhere stays exactly as it is, also one saved from another tab since this page was opened: the page sends
     * what it showed in {@code shown.*} fields), or with {@code preview} shows the rules as they would look and saves
     * nothing.
     */
    public void form(Context ctx) {
        Competition c = Web.competition(ctx);
        Map<String, String> typed = new HashMap<>();
        for (Setting s : Setting.values()) {
            typed.put(s.field(), ctx.formParam(s.field()));
        }
        typed.put(SettingsService.RESTRICTED, ctx.formParam(SettingsService.RESTRICTED));
        typed.put(SettingsService.ROSTER_ADD, ctx.formParam(SettingsService.ROSTER_ADD));
        typed.put(REASON, ctx.formParam(REASON));
        Map<String, String> shown = shown(c);
        shown.replaceAll((field, now) -> ctx.formParam(SHOWN + field) != null ? ctx.formParam(SHOWN + field) : now);
        if (ctx.formParam(PREVIEW) != null) {
            render(ctx, c, typed, shown, Map.of(), competitions.previewHtml(c, typed.get(Setting.RULES.field())), null);
            return;
        }
        Map<Setting, String> given = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            if (s == Setting.LATE_POLICY && typed.get(s.field()) == null) {
                continue; // a radio group with none checked sends nothing
            }
            String v = typed.get(s.field()) == null ? "" : typed.get(s.field());
            if (!v.equals(shown.get(s.field()))) {
                given.put(s, v);
            }
        }
        boolean restricted = typed.get(SettingsService.RESTRICTED) != null;
        SettingsService.Outcome outcome = settings.save(c, new SettingsService.Request(given,
                restricted == shown.get(SettingsService.RESTRICTED).equals("on") ? null : restricted,
                usernames(typed.get(SettingsService.ROSTER_ADD)),
                ctx.formParams(SettingsService.ROSTER_REMOVE), typed.get(REASON)), Web.account(ctx).username());
        if (!outcome.ok()) {
            ctx.status(400);
            render(ctx, c, typed, shown, outcome.problems(), null, null);
            return;
        }
        ctx.redirect(Web.base(ctx) + "/staff/settings?saved=" + outcome.changes().size(), HttpStatus.SEE_OTHER);
    }

    public void api(Context ctx) {
        ctx.json(json(Web.competition(ctx)));
    }

    /**
     * Any of {@code title}, {@code rulesMarkdown} (null or "": the rules file), {@code timeZone}, {@code dailyLimit},
     * {@code deadline} (null: none), {@code finalSelections}, {@code latePolicy} ({@code refuse} or
     * {@code accept_late}), {@code codeDeadline} (null: no code step), {@code reportRule} ({@code none}, {@code all},
     * {@code passing:<threshold>}), {@code restricted}, {@code rosterAdd} and
     * {@code rosterRemove} (lists of usernames), and {@code reason}; all saved, or none with 400 and every problem.
     */
    public void apiPut(Context ctx) {
        Competition c = Web.competition(ctx);
        Map<?, ?> body;
        String notJson = "";
        try {
            body = ctx.bodyAsClass(Map.class);
        } catch (Exception e) {
            body = null;
            notJson = Web.notJson(e);
        }
        if (body == null) {
            throw new BadRequestResponse("Send a JSON object like {\"dailyLimit\": 5, \"deadline\":"
                    + " \"2026-06-01T23:59:59+08:00\", \"reason\": \"…\"}." + notJson);
        }
        Map<String, String> problems = new LinkedHashMap<>();
        Map<Setting, String> given = new EnumMap<>(Setting.class);
        Boolean restricted = null;
        List<String> add = List.of();
        List<String> remove = List.of();
        String reason = null;
        for (Map.Entry<?, ?> e : body.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object v = e.getValue();
            Setting s = Arrays.stream(Setting.values()).filter(x -> x.field().equals(key)).findFirst().orElse(null);
            if (s != null) {
                if (v instanceof List || v instanceof Map) {
                    problems.put(key, s.label() + " must be " + (s == Setting.DAILY_LIMIT
                            || s == Setting.FINAL_SELECTIONS ? "a number." : "a string."));
                } else {
                    given.put(s, v == null ? "" : v.toString());
                }
            } else if (key.equals(SettingsService.RESTRICTED)) {
                if (v instanceof Boolean b) {
                    restricted = b;
                } else {
                    problems.put(key, "\"restricted\" must be true or false.");
                }
            } else if (key.equals(SettingsService.ROSTER_ADD) || key.equals(SettingsService.ROSTER_REMOVE)) {
                if (v instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
                    List<String> names = list.stream().map(String.class::cast).toList();
                    if (key.equals(SettingsService.ROSTER_ADD)) {
                        add = names;
                    } else {
                        remove = names;
                    }
                } else {
                    problems.put(key, "\"" + key + "\" must be a list of usernames, like [\"alice\", \"bob\"].");
                }
            } else if (key.equals(REASON)) {
                if (v == null || v instanceof String) {
                    reason = (String) v;
                } else {
                    problems.put(key, "\"reason\" must be a string.");
                }
            } else {
                problems.put(key, "\"" + (key.length() <= 40 ? key : key.substring(0, 40) + "…")
                        + "\" is not a setting; the settings are " + fields() + ".");
            }
        }
        SettingsService.Outcome outcome = problems.isEmpty() ? settings.save(c, new SettingsService.Request(given,
                restricted, add, remove, reason), Web.account(ctx).username()) : null;
        if (outcome == null || !outcome.ok()) {
            if (outcome != null) {
                problems.putAll(outcome.problems());
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("error", String.join(" ", problems.values()));
            m.put("status", 400);
            m.put("problems", problems);
            ctx.status(400).json(m);
            return;
        }
        Map<String, Object> m = json(competitions.repository().byId(c.id()).orElseThrow());
        m.put("changes", outcome.changes());
        ctx.json(m);
    }

    private Map<String, Object> json(Competition c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("slug", c.slug());
        m.put(Setting.TITLE.field(), c.title());
        m.put(Setting.RULES.field(), c.rulesMd());
        m.put(Setting.TIME_ZONE.field(), c.timeZone().getId());
        m.put(Setting.DAILY_LIMIT.field(), c.dailyLimit());
        m.put(Setting.DEADLINE.field(), c.deadline());
        m.put(Setting.FINAL_SELECTIONS.field(), c.finalSelections());
        m.put(Setting.LATE_POLICY.field(), c.latePolicy().field());
        m.put(Setting.CODE_DEADLINE.field(), c.codeDeadline());
        m.put(Setting.REPORT_RULE.field(), c.reportRule().toString());
        m.put(SettingsService.RESTRICTED, c.restricted());
        m.put("roster", settings.roster(c));
        return m;
    }

    private static String fields() {
        List<String> names = new ArrayList<>();
        for (Setting s : Setting.values()) {
            names.add(s.field());
        }
        names.addAll(List.of(SettingsService.RESTRICTED, SettingsService.ROSTER_ADD, SettingsService.ROSTER_REMOVE,
                REASON));
        return String.join(", ", names);
    }

    /** What the page shows when it opens, sent back with the form as {@code shown.*}: the settings and restricted. */
    private static Map<String, String> shown(Competition c) {
        Map<String, String> v = current(c);
        v.put(SettingsService.RESTRICTED, c.restricted() ? "on" : "");
        return v;
    }

    /** The settings as the form shows them: the deadline as a local time in the competition's zone. */
    private static Map<String, String> current(Competition c) {
        Map<String, String> v = new HashMap<>();
        v.put(Setting.TITLE.field(), c.title());
        v.put(Setting.RULES.field(), c.rulesMd() == null ? "" : c.rulesMd());
        v.put(Setting.TIME_ZONE.field(), c.timeZone().getId());
        v.put(Setting.DAILY_LIMIT.field(), String.valueOf(c.dailyLimit()));
        v.put(Setting.DEADLINE.field(), c.deadline() == null ? "" : localDeadline(c));
        v.put(Setting.FINAL_SELECTIONS.field(), String.valueOf(c.finalSelections()));
        v.put(Setting.LATE_POLICY.field(), c.latePolicy().field());
        v.put(Setting.CODE_DEADLINE.field(), c.codeDeadline() == null ? ""
                : LocalDateTime.ofInstant(c.codeDeadline(), c.timeZone()).toString());
        v.put(Setting.REPORT_RULE.field(), c.reportRule().toString());
        return v;
    }

    private static String localDeadline(Competition c) {
        return LocalDateTime.ofInstant(c.deadline(), c.timeZone()).toString();
    }

    /** Usernames typed one a line, or separated by spaces or commas. */
    static List<String> usernames(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.strip().split("[\\s,;]+")).filter(s -> !s.isEmpty()).toList();
    }

    private void render(Context ctx, Competition c, Map<String, String> values, Map<String, String> shown,
                        Map<String, String> problems, String preview, String notice) {
        Map<String, Object> m = new HashMap<>();
        m.put("competition", c);
        m.put("values", values);
        m.put("shown", new java.util.TreeMap<>(shown));
        m.put("problems", problems);
        m.put("preview", preview);
        m.put("notice", notice);
        m.put("roster", settings.roster(c));
        m.put("maxTitle", SettingsRules.MAX_TITLE);
        m.put("maxRules", SettingsRules.MAX_RULES);
        m.put("maxDailyLimit", SettingsRules.MAX_DAILY_LIMIT);
        m.put("maxFinalSelections", SettingsRules.MAX_FINAL_SELECTIONS);
        m.put("active", "staff");
        Web.render(ctx, "settings", m);
    }
}
