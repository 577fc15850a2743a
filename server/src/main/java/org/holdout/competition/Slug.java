package org.holdout.competition;

import java.util.regex.Pattern;

/** The rule for a competition's slug, the name in its addresses ({@code /c/<slug>/…}) and its data folder. */
public final class Slug {
    public static final int MAX_LENGTH = 64;
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private Slug() {
    }

    /** Why {@code slug} cannot name a competition, or null when it can. */
    public static String problem(String slug) {
        if (slug == null || slug.isEmpty()) {
            return "the slug is empty; use lowercase letters, digits and dashes, like hw3-anomalies";
        }
        if (slug.length() > MAX_LENGTH) {
            return "the slug has " + slug.length() + " characters; at most " + MAX_LENGTH + " are allowed";
        }
        if (!SHAPE.matcher(slug).matches()) {
            return "the slug \"" + slug + "\" may hold only lowercase letters, digits and single dashes between"
                    + " them, like hw3-anomalies";
        }
        return null;
    }
}
