package org.holdout.scoring;

/**
 * Keeps the first problem found in a file and counts the rest; also holds the rule that blank lines may only end
 * a file: a run of them becomes a problem when a record follows it.
 */
final class Problems {
    private Refusal first;
    private int line;
    private String id;
    private long more;
    private int blankLine;
    private int blanks;

    /** True when the record is a blank line, remembered until the next record shows whether it was the end. */
    boolean skipBlank(CsvRecords csv) {
        if (!csv.blank()) {
            return false;
        }
        if (blanks++ == 0) {
            blankLine = csv.line();
        }
        return true;
    }

    boolean blanksPending() {
        return blanks > 0;
    }

    /** A record came after blank lines: they were not the end of the file. */
    void blanksBeforeRecord() {
        if (blanks > 0) {
            add(Refusal.of(Refusal.Key.BLANK, blankLine), blankLine, null);
            addMore(blanks - 1);
            blanks = 0;
        }
    }

    void add(String message, int line, String id) {
        add(Refusal.plain(message), line, id);
    }

    void add(Refusal message, int line, String id) {
        if (first == null) {
            this.first = message;
            this.line = line;
            this.id = id;
        } else {
            more++;
        }
    }

    void addMore(long n) {
        more += n;
    }

    boolean any() {
        return first != null;
    }

    int line() {
        return line;
    }

    String id() {
        return id;
    }

    Refusal message() {
        return more == 0 ? first : Refusal.of(Refusal.Key.MORE, first,
                Refusal.of(more == 1 ? Refusal.Key.MORE_PROBLEM : Refusal.Key.MORE_PROBLEMS, Text.count(more)));
    }
}
