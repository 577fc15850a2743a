package org.holdout.grading;

import java.util.List;

/**
 * One student's line of the grade export, with DESIGN.md's columns in its order ({@link #COLUMNS}). Scores and ranks
 * are null where the student has none; {@code finalSubmissions} are submission ids, {@code passedPublic} and
 * {@code passedPrivate} threshold names in the competition's order; {@code submissions} counts every scored upload,
 * excluded and late ones too.
 */
public record GradeRow(String username, String displayName, String email, Double publicScore, Integer publicRank,
                       Double privateScore, Integer privateRank, List<Long> finalSubmissions, int submissions,
                       List<String> passedPublic, List<String> passedPrivate, double pointsPublic,
                       double pointsPrivate, double pointsTotal, boolean late, boolean excluded,
                       boolean codeUploaded) {
    /** The export's columns, in order: the CSV header and the JSON keys. */
    public static final List<String> COLUMNS = List.of("username", "display_name", "email", "public_score",
            "public_rank", "private_score", "private_rank", "final_submissions", "submissions", "passed_public",
            "passed_private", "points_public", "points_private", "points_total", "late", "excluded", "code_uploaded");

    public GradeRow {
        finalSubmissions = List.copyOf(finalSubmissions);
        passedPublic = List.copyOf(passedPublic);
        passedPrivate = List.copyOf(passedPrivate);
    }
}
