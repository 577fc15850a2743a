package org.holdout.web;

import io.javalin.http.Context;
import io.javalin.rendering.FileRenderer;
import java.util.Locale;
import java.util.Map;
import org.thymeleaf.TemplateEngine;

/** Renders a page with Thymeleaf in the request's {@link Language}. */
final class LocalizedThymeleaf implements FileRenderer {
    static final String LOCALE = "holdout.locale";
    private final TemplateEngine engine;

    LocalizedThymeleaf(TemplateEngine engine) {
        this.engine = engine;
    }

    static Locale locale(Context ctx) {
        Locale l = ctx.attribute(LOCALE);
        if (l == null) {
            l = Language.choose(ctx.cookie(Language.COOKIE), ctx.header("Accept-Language"));
            ctx.attribute(LOCALE, l);
        }
        return l;
    }

    @Override
    public String render(String filePath, Map<String, ?> model, Context ctx) {
        org.thymeleaf.context.Context page = new org.thymeleaf.context.Context(locale(ctx));
        model.forEach(page::setVariable);
        return engine.process(filePath, page);
    }
}
