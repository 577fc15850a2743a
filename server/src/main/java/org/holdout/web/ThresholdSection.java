package org.holdout.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.holdout.submission.ScoreText;
import org.holdout.competition.Competition;
import org.holdout.competition.FloorsCache;
import org.holdout.floors.CalibrationFloors;
import org.holdout.leaderboard.Leaderboard;
import org.holdout.submission.SubmissionService;
import org.holdout.threshold.Threshold;
import org.holdout.threshold.ThresholdChange;
import org.holdout.threshold.ThresholdInput;
import org.holdout.threshold.ThresholdService;
import org.holdout.training.BaselineTraining;

/**
 * The staff page's thresholds: each with its scores, points, source, history and a warning when it sits below the
 * best calibration floor; the trainings of the reference baselines; the notices of {@link ThresholdHandlers}' forms.
 */
public final class ThresholdSection implements StaffPageSection {
    private final ThresholdService thresholds;
    private final BaselineTraining training;
    private final FloorsCache floors;

    public ThresholdSection(ThresholdService thresholds, BaselineTraining training, FloorsCache floors) {
        this.thresholds = thresholds;
        this.training = training;
        this.floors = floors;
    }

    @Override
    public void fill(Competition c, Map<String, Object> model, java.util.Locale locale) {
        FloorsCache.State floorState = floors.state(c);
        List<CalibrationFloors.Floor> floorList = floorState instanceof FloorsCache.Done d ? d.floors() : List.of();
        Map<String, BaselineTraining.Progress> progress = training.progress(c);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Threshold t : thresholds.all(c.id())) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", t.name());
            row.put("publicText", ScoreText.fiveDecimals(t.publicScore()));
            row.put("privateText", ScoreText.fiveDecimals(t.privateScore()));
            row.put("pointsPublic", pointsText(t.pointsPublic()));
            row.put("pointsPrivate", pointsText(t.pointsPrivate()));
            row.put("source", t.source() == null ? Messages.text(locale, "staff.source.notSet") : t.source());
            row.put("updated", c.format(t.updated()));
            row.put("warning", t.publicScore() == null ? null : belowFloor(t.publicScore(), floorList, locale));
            row.put("history", thresholds.history(c.id(), t.name()).stream().map(h -> historyLine(h, c, locale))
                    .toList());
            rows.add(row);
        }
        List<Map<String, Object>> trainable = new ArrayList<>();
        progress.forEach((name, p) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", name);
            row.put("progress", p.text());
            row.put("curve", training.curve(c, name).isPresent());
            trainable.add(row);
        });
        model.put("thresholds", rows);
        model.put("trainable", trainable);
        model.put("trainingQueue", training.queue());
    }

    private static String historyLine(ThresholdChange h, Competition c, java.util.Locale locale) {
        return Messages.text(locale, "staff.history.line", c.format(h.at()), h.actor(), h.action(),
                text(h.publicScore(), locale), text(h.privateScore(), locale), pointsText(h.pointsPublic()),
                pointsText(h.pointsPrivate())) + (h.source() == null ? "" : " (" + h.source() + ")");
    }

    private static String text(Double score, java.util.Locale locale) {
        return score == null ? Messages.text(locale, "staff.none") : ScoreText.fiveDecimals(score);
    }

    static String pointsText(double p) {
        return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
    }

    /** "below the pca-40 floor 0.98444: …" when the best floor's Public AUC is above {@code publicScore}, else null. */
    static String belowFloor(double publicScore, List<CalibrationFloors.Floor> floors, java.util.Locale locale) {
        return floors.stream().max(Comparator.comparingDouble(CalibrationFloors.Floor::publicAuc))
                .filter(best -> publicScore < best.publicAuc())
                .map(best -> Messages.text(locale, "staff.belowFloor", best.id(), ScoreText.fiveDecimals(best.publicAuc())))
                .orElse(null);
    }

    @Override
    public String notice(java.util.Locale locale, String done) {
        if (done.startsWith("threshold-") && isName(done.substring("threshold-".length()))) {
            return Messages.text(locale, "staff.notice.threshold", done.substring("threshold-".length()));
        }
        if (done.startsWith("removed-") && isName(done.substring("removed-".length()))) {
            return Messages.text(locale, "staff.notice.removed", done.substring("removed-".length()));
        }
        if (done.startsWith("training-")) {
            String what = done.substring("training-".length());
            return switch (what) {
                case "all" -> Messages.text(locale, "staff.notice.trainingAll");
                case "busy" -> Messages.text(locale, "staff.notice.trainingBusy");
                default -> BaselineTraining.names().contains(what)
                        ? Messages.text(locale, "staff.notice.training", what) : null;
            };
        }
        return null;
    }

    /** Only a threshold's name goes into a notice: the address is anyone's to write. */
    private static boolean isName(String s) {
        try {
            ThresholdInput.name(s);
            return true;
        } catch (ThresholdInput.Invalid e) {
            return false;
        }
    }
}
