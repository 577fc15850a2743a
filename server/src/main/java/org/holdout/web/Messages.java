package org.holdout.web;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.messageresolver.AbstractMessageResolver;

/**
 * The pages' texts in each {@link Language}: {@code i18n/messages*.properties} (UTF-8), read by Thymeleaf's
 * {@code #{key(args)}} with {@code {0}}, {@code {1}}… replaced by the arguments as they are; a key missing from the Chinese file falls back to the English one.
 */
public final class Messages extends AbstractMessageResolver {
    static final String BUNDLE = "i18n.messages";

    public static String text(Locale locale, String key, Object... args) {
        String text = ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES)).getString(key);
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }

    @Override
    public String resolveMessage(ITemplateContext context, Class<?> origin, String key, Object[] args) {
        try {
            return text(context.getLocale(), key, args == null ? new Object[0] : args);
        } catch (MissingResourceException e) {
            return null;
        }
    }

    @Override
    public String createAbsentMessageRepresentation(ITemplateContext context, Class<?> origin, String key,
                                                    Object[] args) {
        return "??" + key + "??";
    }
}
