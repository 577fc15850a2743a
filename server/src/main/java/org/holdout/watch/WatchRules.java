package org.holdout.watch;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What staff watching a competition see of its submissions: a filter by student, state and calendar day (in the
 * competition's time zone), pages of {@value #PER_PAGE}, uploads per day, and the best public score over time: the
 * running maximum of the public board's top, counting only what the board counts (scored, on time, not excluded).
 */
public final class WatchRules {
    public static final int PER_PAGE = 50;
    /** The states a filter may ask for: a submission's own, or late, or excluded. */
    public static final List<String> STATES = List.of("scored", "refused", "failed", "received", "late", "excluded");
    private static final int SHOWN = 40;

    private WatchRules() {
    }

    /** One submission as the watching page lists it. */
    public record Item(long id, long accountId, String username, String fileName, Instant received, String state,
                       boolean late, boolean excluded, Double publicScore, Double privateScore, String message) {
        boolean onBoard() {
            return state.equals("scored") && !late && !excluded && publicScore != null;
        }
    }

    /** What staff asked for; null fields: any. */
    public record Filter(String username, String state, LocalDate day, int page) {
    }

    /** A filter read from the page's fields, or the problems by field name (nothing shown then). */
    public record Parsed(Filter filter, Map<String, String> problems) {
    }

    public static Parsed parse(String username, String state, String day, String page) {
        Map<String, String> problems = new LinkedHashMap<>();
        String u = blank(username) ? null : username.strip();
        String s = blank(state) ? null : state.strip().toLowerCase(Locale.ROOT);
        if (s != null && !STATES.contains(s)) {
            problems.put("state", "The state \"" + shown(state.strip()) + "\" is not one of " + String.join(", ", STATES)
                    + ".");
        }
        LocalDate d = null;
        if (!blank(day)) {
            try {
                d = LocalDate.parse(day.strip());
            } catch (DateTimeParseException e) {
                problems.put("day", "The day \"" + shown(day.strip()) + "\" is not a date like 2026-03-01.");
            }
        }
        int p = 1;
        if (!blank(page)) {
            try {
                p = Integer.parseInt(page.strip());
            } catch (NumberFormatException e) {
                p = 0;
            }
            if (p < 1) {
                problems.put("page", "The page \"" + shown(page.strip()) + "\" is not a whole number from 1 on.");
            }
        }
        return new Parsed(problems.isEmpty() ? new Filter(u, s, d, p) : null, problems);
    }

    /** The items {@code f} asks for, in the order given; a username matches whatever its case. */
    public static List<Item> filter(List<Item> all, Filter f, ZoneId zone) {
        return all.stream().filter(i -> f.username() == null || i.username().equalsIgnoreCase(f.username()))
                .filter(i -> f.state() == null || switch (f.state()) {
                    case "late" -> i.late();
                    case "excluded" -> i.excluded();
                    default -> i.state().equals(f.state());
                })
                .filter(i -> f.day() == null || i.received().atZone(zone).toLocalDate().equals(f.day()))
                .toList();
    }

    /** One page of items: the page number, how many pages (at least 1) and items in all. */
    public record Page(List<Item> items, int page, int pages, int total) {
    }

    /** Page {@code page} of {@code items}; a page past the last is empty (see {@link #pastEnd}). */
    public static Page page(List<Item> items, int page) {
        int pages = pages(items.size());
        int p = Math.max(1, page);
        long from = (long) (p - 1) * PER_PAGE;
        List<Item> shown = from >= items.size() ? List.of()
                : items.subList((int) from, (int) Math.min(items.size(), from + PER_PAGE));
        return new Page(shown, p, pages, items.size());
    }

    public static int pages(int total) {
        return Math.max(1, (total + PER_PAGE - 1) / PER_PAGE);
    }

    /**
     * Why page {@code p} cannot be shown (a page past the last, which a bookmark or a hand-typed address asks for), or
     * null: answering page 1 instead would look like the asked-for page.
     */
    public static String pastEnd(Page p) {
        if (p.page() <= p.pages()) {
            return null;
        }
        return "There is no page " + p.page() + ": the last page is " + p.pages() + " (" + p.total() + " submission"
                + (p.total() == 1 ? "" : "s") + " at " + PER_PAGE + " a page).";
    }

    /** Uploads of one calendar day: scored, and refused or failed (or still being scored). */
    public record Day(LocalDate day, int scored, int notScored) {
        public int total() {
            return scored + notScored;
        }
    }

    /** Every day from the first upload's to the last's, days without uploads too, oldest first. */
    public static List<Day> perDay(List<Item> all, ZoneId zone) {
        TreeMap<LocalDate, int[]> counts = new TreeMap<>();
        for (Item i : all) {
            int[] c = counts.computeIfAbsent(i.received().atZone(zone).toLocalDate(), k -> new int[2]);
            c[i.state().equals("scored") ? 0 : 1]++;
        }
        List<Day> out = new ArrayList<>();
        if (counts.isEmpty()) {
            return out;
        }
        for (LocalDate d = counts.firstKey(); !d.isAfter(counts.lastKey()); d = d.plusDays(1)) {
            int[] c = counts.getOrDefault(d, new int[2]);
            out.add(new Day(d, c[0], c[1]));
        }
        return out;
    }

    /** A point of the board's top over time: when, how many days after {@code origin}, and the top public score. */
    public record Point(Instant at, double days, double best) {
    }

    /**
     * The running maximum of the public scores the board counts, one point where it first rises and each time it
     * rises again, and one at the last such upload, so the line runs to the end; {@code origin}: where day 0 is.
     */
    public static List<Point> bestOverTime(List<Item> all, Instant origin) {
        List<Item> counted = all.stream().filter(Item::onBoard)
                .sorted(Comparator.comparing(Item::received).thenComparingLong(Item::id)).toList();
        List<Point> out = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        for (Item i : counted) {
            if (i.publicScore() > best) {
                best = i.publicScore();
                out.add(point(i.received(), origin, best));
            }
        }
        if (!counted.isEmpty() && !out.get(out.size() - 1).at().equals(counted.get(counted.size() - 1).received())) {
            out.add(point(counted.get(counted.size() - 1).received(), origin, best));
        }
        return out;
    }

    private static Point point(Instant at, Instant origin, double best) {
        return new Point(at, Duration.between(origin, at).toMillis() / 86_400_000.0, best);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String shown(String s) {
        return s.length() <= SHOWN ? s : s.substring(0, SHOWN) + "…";
    }
}
