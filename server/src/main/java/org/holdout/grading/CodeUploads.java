package org.holdout.grading;

import java.util.Set;
import org.holdout.code.CodeUploadRepository;
import org.holdout.db.Database;

/** Who has uploaded their code in a competition: the grade export's {@code code_uploaded} column. */
@FunctionalInterface
public interface CodeUploads {

    /** Who has uploaded code, read from {@code db}. */
    static CodeUploads of(Database db) {
        return new CodeUploadRepository(db)::accountsWithCode;
    }

    /** The account ids with a code upload in the competition. */
    Set<Long> accountIds(long competitionId);
}
