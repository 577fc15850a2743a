package org.holdout.web;

import java.util.Map;
import org.holdout.competition.Competition;

/** A part of the staff page that another package fills in: its entries of the page's model, its forms' notices. */
public interface StaffPageSection {
    void fill(Competition competition, Map<String, Object> model, java.util.Locale locale);

    /** The notice for {@code done} (the key a form of this section redirects with), or null when it is not one. */
    String notice(java.util.Locale locale, String done);
}
