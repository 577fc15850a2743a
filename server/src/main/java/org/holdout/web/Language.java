package org.holdout.web;

import java.util.List;
import java.util.Locale;

/**
 * Which language a page is written in: the one the visitor chose with the switch (a cookie), else the first of the
 * browser's Accept-Language that Holdout has (any Chinese reads the Traditional Chinese pages), else English.
 */
public final class Language {
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale TRADITIONAL_CHINESE = Locale.forLanguageTag("zh-TW");
    public static final List<Locale> SUPPORTED = List.of(ENGLISH, TRADITIONAL_CHINESE);
    public static final String COOKIE = "holdout_lang";

    private Language() {
    }

    public static Locale choose(String chosen, String acceptLanguage) {
        Locale named = supported(chosen);
        if (named != null) {
            return named;
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                    if (range.getWeight() == 0) {
                        continue;
                    }
                    String primary = range.getRange().split("-", 2)[0];
                    if (primary.equals("zh")) {
                        return TRADITIONAL_CHINESE;
                    }
                    if (primary.equals("en") || primary.equals("*")) {
                        return ENGLISH;
                    }
                }
            } catch (IllegalArgumentException malformed) {
                return ENGLISH;
            }
        }
        return ENGLISH;
    }

    /**
     * The supported language a tag such as {@code zh-TW} or {@code en} names, or null; like Accept-Language, any
     * Chinese ({@code zh}, {@code zh_TW}, {@code zh-Hant}) is the Traditional Chinese one and any English English.
     */
    public static Locale supported(String tag) {
        if (tag == null) {
            return null;
        }
        String t = tag.strip().replace('_', '-');
        for (Locale l : SUPPORTED) {
            if (l.toLanguageTag().equalsIgnoreCase(t)) {
                return l;
            }
        }
        String primary = t.split("-", 2)[0].toLowerCase(Locale.ROOT);
        return primary.equals("zh") ? TRADITIONAL_CHINESE : primary.equals("en") ? ENGLISH : null;
    }
}
