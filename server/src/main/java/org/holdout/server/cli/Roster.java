package org.holdout.server.cli;

import de.siegmar.fastcsv.reader.CsvRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.holdout.account.AccountRules;
import org.holdout.account.Role;

/**
 * A roster CSV ({@code username,display_name,email[,password][,role]}) checked whole before anything is imported:
 * every field against {@link AccountRules} and the role, and no username twice (ignoring case). A roster with any
 * problem imports nothing, so no account is created whose generated password could get lost; each problem names
 * its line and field. Lines without a username are skipped.
 */
final class Roster {
    static final String HEADER = "username,display_name,email[,password][,role]";

    /** One account to create, from the line {@code line} of the file. */
    record Entry(long line, String username, String displayName, String email, String password, Role role) {
    }

    private final List<Entry> entries;
    private final List<String> problems;

    private Roster(List<Entry> entries, List<String> problems) {
        this.entries = entries;
        this.problems = problems;
    }

    List<Entry> entries() {
        return entries;
    }

    /** Each as "NAME line N: what is wrong"; empty when the roster can be imported. */
    List<String> problems() {
        return problems;
    }

    /** Checks the records of {@code name} (the header first). */
    static Roster check(String name, List<CsvRecord> rows) {
        List<String> problems = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        if (rows.isEmpty()) {
            problems.add(name + " is empty; expected the header " + HEADER);
            return new Roster(entries, problems);
        }
        List<String> header = rows.get(0).getFields().stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        int user = header.indexOf("username");
        if (user < 0) {
            problems.add(name + " line " + rows.get(0).getStartingLineNumber() + " has no 'username' column; expected"
                    + " the header " + HEADER);
            return new Roster(entries, problems);
        }
        int display = header.indexOf("display_name");
        int mail = header.indexOf("email");
        int pass = header.indexOf("password");
        int roleCol = header.indexOf("role");
        Map<String, Entry> byKey = new HashMap<>();
        for (CsvRecord row : rows.subList(1, rows.size())) {
            String u = cell(row, user);
            if (u.isEmpty()) {
                continue;
            }
            long line = row.getStartingLineNumber();
            List<String> wrong = new ArrayList<>();
            check(wrong, () -> AccountRules.username(u));
            check(wrong, () -> AccountRules.displayName(cell(row, display)));
            check(wrong, () -> AccountRules.email(cell(row, mail)));
            if (!cell(row, pass).isEmpty()) {
                check(wrong, () -> AccountRules.password(cell(row, pass), "password"));
            }
            Role role = Role.STUDENT;
            try {
                role = cell(row, roleCol).isEmpty() ? Role.STUDENT : Role.parse(cell(row, roleCol));
            } catch (IllegalArgumentException e) {
                wrong.add(e.getMessage());
            }
            Entry same = byKey.get(AccountRules.key(u));
            if (same != null) {
                wrong.add("username \"" + u + "\" is on line " + same.line() + " already"
                        + (same.username().equals(u) ? "" : " as \"" + same.username() + "\" (usernames are the same"
                        + " whatever their case)"));
            }
            if (!wrong.isEmpty()) {
                problems.add(name + " line " + line + ": " + String.join("; ", wrong));
                continue;
            }
            Entry e = new Entry(line, u, cell(row, display), cell(row, mail), cell(row, pass), role);
            byKey.put(AccountRules.key(u), e);
            entries.add(e);
        }
        return new Roster(entries, problems);
    }

    private static void check(List<String> wrong, Runnable rule) {
        try {
            rule.run();
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            wrong.add(m.endsWith(".") ? m.substring(0, m.length() - 1) : m);
        }
    }

    private static String cell(CsvRecord row, int i) {
        return i < 0 || i >= row.getFieldCount() ? "" : row.getField(i).trim();
    }
}
