package org.holdout.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchRulesTest {
    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");

    private static WatchRules.Item item(long id, String user, String at, String state, Double pub) {
        return item(id, user, at, state, pub, false, false);
    }

    private static WatchRules.Item item(long id, String user, String at, String state, Double pub, boolean late,
                                        boolean excluded) {
        return new WatchRules.Item(id, id, user, "f.csv", Instant.parse(at), state, late, excluded, pub, null, null);
    }

    private static final List<WatchRules.Item> ALL = List.of(
            item(1, "ann", "2026-03-01T15:59:59Z", "scored", 0.6),
            item(2, "bob", "2026-03-01T16:00:00Z", "refused", null),
            item(3, "ann", "2026-03-01T17:00:00Z", "scored", 0.7, false, true),
            item(4, "Bob", "2026-03-03T02:00:00Z", "scored", 0.65),
            item(5, "bob", "2026-03-03T03:00:00Z", "failed", null),
            item(6, "ann", "2026-03-06T03:00:00Z", "scored", 0.9, true, false));

    private static List<Long> ids(List<WatchRules.Item> items) {
        return items.stream().map(WatchRules.Item::id).toList();
    }

    @Test
    void filtersByStudentStateAndDayInTheCompetitionsZone() {
        WatchRules.Filter bob = WatchRules.parse(" BOB ", "", "", null).filter();
        assertThat(ids(WatchRules.filter(ALL, bob, TAIPEI))).containsExactly(2L, 4L, 5L);
        assertThat(ids(WatchRules.filter(ALL, WatchRules.parse(null, "Scored", null, null).filter(), TAIPEI)))
                .containsExactly(1L, 3L, 4L, 6L);
        assertThat(ids(WatchRules.filter(ALL, WatchRules.parse(null, "late", null, null).filter(), TAIPEI)))
                .containsExactly(6L);
        assertThat(ids(WatchRules.filter(ALL, WatchRules.parse(null, "excluded", null, null).filter(), TAIPEI)))
                .containsExactly(3L);
        assertThat(ids(WatchRules.filter(ALL, WatchRules.parse(null, null, "2026-03-01", null).filter(), TAIPEI)))
                .as("15:59:59Z is 23:59:59 in Taipei").containsExactly(1L);
        assertThat(ids(WatchRules.filter(ALL, WatchRules.parse(null, null, "2026-03-02", null).filter(), TAIPEI)))
                .containsExactly(2L, 3L);
        assertThat(ids(WatchRules.filter(ALL, WatchRules.parse("ann", "scored", "2026-03-02", null).filter(),
                TAIPEI))).containsExactly(3L);
    }

    @Test
    void aFilterThatDoesNotReadNamesEachFieldAtFault() {
        WatchRules.Parsed p = WatchRules.parse("ann", "pending", "2026-02-30", "0");
        assertThat(p.filter()).isNull();
        assertThat(p.problems()).containsOnlyKeys("state", "day", "page");
        assertThat(p.problems().get("state")).contains("\"pending\"", "scored, refused, failed, received, late,"
                + " excluded");
        assertThat(p.problems().get("day")).contains("\"2026-02-30\"", "2026-03-01");
        assertThat(WatchRules.parse(null, null, null, "two").problems().get("page")).contains("\"two\"");
        assertThat(WatchRules.parse(null, null, null, "3").filter().page()).isEqualTo(3);
    }

    @Test
    void pagesHoldFiftyAndAPageBeyondTheLastIsEmptyAndNamesTheLast() {
        List<WatchRules.Item> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(item(i, "ann", "2026-03-01T00:00:00Z", "scored", 0.5));
        }
        WatchRules.Page first = WatchRules.page(many, 1);
        assertThat(first.items()).hasSize(50);
        assertThat(first.pages()).isEqualTo(3);
        assertThat(first.total()).isEqualTo(101);
        assertThat(WatchRules.pastEnd(first)).isNull();
        WatchRules.Page last = WatchRules.page(many, 3);
        assertThat(ids(last.items())).containsExactly(100L);
        assertThat(WatchRules.pastEnd(last)).isNull();
        WatchRules.Page beyond = WatchRules.page(many, 4);
        assertThat(beyond.page()).isEqualTo(4);
        assertThat(beyond.items()).isEmpty();
        assertThat(WatchRules.pastEnd(beyond)).isEqualTo(
                "There is no page 4: the last page is 3 (101 submissions at 50 a page).");
        WatchRules.Page far = WatchRules.page(many, Integer.MAX_VALUE);
        assertThat(far.items()).isEmpty();
        assertThat(WatchRules.pastEnd(far)).contains("page " + Integer.MAX_VALUE + ":", "last page is 3");
        WatchRules.Page none = WatchRules.page(List.of(), 1);
        assertThat(none.pages()).isEqualTo(1);
        assertThat(WatchRules.pastEnd(none)).isNull();
        assertThat(WatchRules.pastEnd(WatchRules.page(List.of(), 2))).isEqualTo(
                "There is no page 2: the last page is 1 (0 submissions at 50 a page).");
    }

    @Test
    void uploadsPerDayCountEveryDayBetweenTheFirstAndTheLast() {
        assertThat(WatchRules.perDay(ALL, TAIPEI)).containsExactly(
                new WatchRules.Day(LocalDate.parse("2026-03-01"), 1, 0),
                new WatchRules.Day(LocalDate.parse("2026-03-02"), 1, 1),
                new WatchRules.Day(LocalDate.parse("2026-03-03"), 1, 1),
                new WatchRules.Day(LocalDate.parse("2026-03-04"), 0, 0),
                new WatchRules.Day(LocalDate.parse("2026-03-05"), 0, 0),
                new WatchRules.Day(LocalDate.parse("2026-03-06"), 1, 0));
        assertThat(WatchRules.perDay(List.of(), TAIPEI)).isEmpty();
    }

    @Test
    void theBestOverTimeCountsOnlyWhatTheBoardCounts() {
        Instant origin = Instant.parse("2026-02-28T16:00:00Z");
        List<WatchRules.Point> points = WatchRules.bestOverTime(ALL, origin);
        assertThat(points).extracting(WatchRules.Point::best).as("0.7 is excluded, 0.9 late").containsExactly(0.6,
                0.65);
        assertThat(points.get(0).days()).isCloseTo(1.0 - 1.0 / 86_400, org.assertj.core.data.Offset.offset(1e-9));
        List<WatchRules.Item> flat = List.of(item(1, "a", "2026-03-01T00:00:00Z", "scored", 0.8),
                item(2, "b", "2026-03-02T00:00:00Z", "scored", 0.7));
        assertThat(WatchRules.bestOverTime(flat, origin)).extracting(WatchRules.Point::best).as("runs to the end")
                .containsExactly(0.8, 0.8);
    }
}
