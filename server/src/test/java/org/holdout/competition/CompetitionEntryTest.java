package org.holdout.competition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.holdout.account.Account;
import org.holdout.account.Role;
import org.junit.jupiter.api.Test;

class CompetitionEntryTest {
    static final Account ANN = new Account(7, "ann", "Ann", null, Role.STUDENT, "h", null, Instant.EPOCH);
    static final Account TA = new Account(8, "ta", "TA", null, Role.STAFF, "h", null, Instant.EPOCH);

    static Competition competition(boolean restricted) {
        Competition c = SettingsRulesTest.competition(null, false);
        return new Competition(c.id(), c.slug(), c.title(), c.bundleDir(), c.timeZone(), c.dailyLimit(), c.deadline(),
                c.privateRevealed(), c.created(), c.finalSelections(), null, restricted,
                c.latePolicy());
    }

    @Test
    void anOpenCompetitionLetsEveryAccountInWithoutAskingTheRoster() {
        CompetitionEntry.Roster never = (c, a) -> {
            throw new AssertionError("the roster of an open competition is not asked");
        };
        assertThat(CompetitionEntry.mayEnter(ANN, competition(false), never)).isTrue();
        assertThat(CompetitionEntry.mayEnter(TA, competition(false), never)).isTrue();
    }

    @Test
    void aRestrictedCompetitionLetsInStaffAndTheStudentsOnItsRoster() {
        Competition c = competition(true);
        assertThat(CompetitionEntry.mayEnter(ANN, c, (comp, a) -> false)).isFalse();
        assertThat(CompetitionEntry.mayEnter(ANN, c, (comp, a) -> comp == 1 && a == 7)).isTrue();
        assertThat(CompetitionEntry.mayEnter(TA, c, (comp, a) -> false)).isTrue();
    }

    @Test
    void nobodyLoggedInEntersNothing() {
        assertThat(CompetitionEntry.mayEnter(null, competition(false), (c, a) -> true)).isFalse();
    }
}
