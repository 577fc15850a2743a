package org.holdout.leaderboard;

import java.util.ArrayList;
import java.util.List;
import org.holdout.account.Account;

/**
 * Whose login names a viewer of the board sees: students see every student by display name and only their own
 * username (a login name is half of a login, so classmates do not get each other's); staff see all usernames.
 */
public final class BoardNames {
    private BoardNames() {
    }

    public static List<LeaderboardRow> shownTo(List<LeaderboardRow> rows, Account viewer) {
        if (viewer != null && viewer.isStaff()) {
            return rows;
        }
        List<LeaderboardRow> out = new ArrayList<>(rows.size());
        for (LeaderboardRow r : rows) {
            boolean own = viewer != null && r.username() != null && r.username().equals(viewer.username());
            out.add(own || r.username() == null ? r : r.withoutUsername());
        }
        return out;
    }
}
