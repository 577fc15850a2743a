package org.holdout.grading;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.holdout.account.AccountRepository;
import org.holdout.competition.Competition;
import org.holdout.competition.MemberRepository;
import org.holdout.db.Database;
import org.holdout.exclusion.ExclusionRepository;
import org.holdout.leaderboard.SelectionRepository;
import org.holdout.leaderboard.Standings;
import org.holdout.submission.SubmissionRepository;
import org.holdout.threshold.Threshold;
import org.holdout.threshold.ThresholdRepository;

/**
 * A competition's grades read fresh from the database ({@link Standings}, its thresholds, who uploaded code), and the
 * export files made from them: the HTTP export and {@code holdout grades export} both call this, so they give the same
 * bytes.
 */
public final class Grades {
    private final Standings standings;
    private final ThresholdRepository thresholds;
    private final CodeUploads code;

    public Grades(Standings standings, ThresholdRepository thresholds, CodeUploads code) {
        this.standings = standings;
        this.thresholds = thresholds;
        this.code = code;
    }

    /** The grades of the competitions in {@code db}, as the server and the command line both read them. */
    public static Grades of(Database db) {
        return new Grades(new Standings(new SubmissionRepository(db), new AccountRepository(db),
                new MemberRepository(db), new SelectionRepository(db), new ExclusionRepository(db)),
                new ThresholdRepository(db), CodeUploads.of(db));
    }

    /** The export's three files. */
    public enum Format {
        CSV("csv", "text/csv; charset=utf-8", "grades-%s-%s.csv"),
        JSON("json", "application/json", "grades-%s-%s.json"),
        CANVAS("canvas", "text/csv; charset=utf-8", "canvas-grades-%s-%s.csv");

        private final String option;
        private final String contentType;
        private final String fileName;

        Format(String option, String contentType, String fileName) {
            this.option = option;
            this.contentType = contentType;
            this.fileName = fileName;
        }

        /** How the command line names it: {@code csv}, {@code json}, {@code canvas}. */
        public String option() {
            return option;
        }

        public String contentType() {
            return contentType;
        }

        /** {@code grades-hw3-2026-06-03.csv}: the slug and the day of the export in the competition's time zone. */
        public String fileName(Competition c, Instant at) {
            return String.format(fileName, c.slug(), LocalDate.ofInstant(at, c.timeZone()));
        }
    }

    /** One competition's grades: a row per student (by public rank, then username) and what they were made from. */
    public record Sheet(Competition competition, Standings.Snapshot snapshot, List<Threshold> thresholds,
                       List<GradeRow> rows) {
        public double maxPoints() {
            return GradeRules.maxPoints(thresholds);
        }
    }

    public Sheet sheet(Competition c) {
        Standings.Snapshot snapshot = standings.snapshot(c);
        List<Threshold> ts = thresholds.all(c.id());
        Set<Long> uploaded = code.accountIds(c.id());
        List<GradeRow> rows = new ArrayList<>();
        for (Standings.Row r : snapshot.rows()) {
            long id = r.student().accountId();
            rows.add(GradeRules.row(r.student(), r.standing(), snapshot.excludedStudents().contains(id), ts,
                    uploaded.contains(id)));
        }
        return new Sheet(c, snapshot, ts, List.copyOf(rows));
    }

    /** The file in {@code format}; {@code at} is the export's time (JSON says it). */
    public static byte[] file(Sheet sheet, Format format, Instant at) {
        Competition c = sheet.competition();
        return switch (format) {
            case CSV -> GradeFiles.csv(sheet.rows());
            case JSON -> GradeFiles.json(c.slug(), c.title(), at, c.privateRevealed(), sheet.rows());
            case CANVAS -> GradeFiles.canvas(c.title(), sheet.maxPoints(), sheet.rows());
        };
    }
}
