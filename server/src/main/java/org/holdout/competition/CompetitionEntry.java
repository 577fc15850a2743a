package org.holdout.competition;

import org.holdout.account.Account;

/**
 * Who may enter a competition (its pages, its API, its line on the landing page): staff always; a student while the
 * competition is open to every account, or when they are on its roster once staff restricted it to one.
 */
public final class CompetitionEntry {
    /** Whether an account is on a competition's roster. */
    public interface Roster {
        boolean has(long competitionId, long accountId);
    }

    private CompetitionEntry() {
    }

    public static boolean mayEnter(Account who, Competition c, Roster roster) {
        if (who == null) {
            return false;
        }
        return who.isStaff() || !c.restricted() || roster.has(c.id(), who.id());
    }
}
