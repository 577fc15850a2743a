package org.holdout.scoring;

/** Keeps the first problem found in a file and counts the rest. */
final class Problems {
    private String first;
    private int line;
    private String id;
    private long more;

    void add(String message, int line, String id) {
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

    String message() {
        return more == 0 ? first : first + "; the file has " + Text.plural(more, "more problem");
    }
}
