package org.holdout.audit;

import java.time.Instant;

/** One staff action: who did what to which competition, when, and why. */
public record AuditEntry(long id, Long competitionId, String actor, String action, String detail, String reason,
                         Instant at) {
}
