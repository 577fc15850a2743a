package org.holdout.grading;

import java.util.Set;
import org.holdout.db.Database;

/**
 * Who has uploaded their code in a competition: the grade export's {@code code_uploaded} column. {@link #of} is the
 * one seam for the code upload feature, used by the server and the command line alike; until that feature is wired in
 * there, it answers "no one" ({@link #NONE}).
 */
@FunctionalInterface
public interface CodeUploads {
    CodeUploads NONE = competitionId -> Set.of();

    /** Who has uploaded code, read from {@code db}. */
    static CodeUploads of(Database db) {
        // where code upload lands: new CodeUploadRepository(db)::accountsWithCode
        return NONE;
    }

    /** The account ids with a code upload in the competition. */
    Set<Long> accountIds(long competitionId);
}
