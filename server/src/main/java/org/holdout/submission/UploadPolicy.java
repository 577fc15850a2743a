package org.holdout.submission;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one student may hold of the server: uploads being stored and scored at once, and how long and how much of
 * their refused files are kept (accepted files are kept for good).
 *
 * @param inFlightPerStudent  uploads of one student stored or scored at the same time; more are refused at once
 * @param keepRefused         refused files older than this are deleted (their row, hash and size stay)
 * @param refusedBytesPerStudent the newest refused files of one student are kept up to this many bytes
 * @param refusedBytesTotal   the newest refused files of everyone are kept up to this many bytes
 */
public record UploadPolicy(int inFlightPerStudent, Duration keepRefused, long refusedBytesPerStudent,
                           long refusedBytesTotal) {

    /**
     * The hashes of refused files to delete, given the kept ones newest first: those past their time, beyond their
     * student's share, or beyond the total. Files are judged newest first, so a new refusal pushes out old ones.
     */
    public Set<String> toRelease(List<SubmissionRepository.KeptRefusal> newestFirst, Instant now) {
        Set<String> keep = new LinkedHashSet<>();
        Set<String> release = new LinkedHashSet<>();
        Map<Long, Long> perStudent = new HashMap<>();
        long total = 0;
        Instant oldest = now.minus(keepRefused);
        for (SubmissionRepository.KeptRefusal r : newestFirst) {
            if (keep.contains(r.sha256()) || release.contains(r.sha256())) {
                continue;
            }
            long mine = perStudent.getOrDefault(r.accountId(), 0L) + r.sizeBytes();
            if (r.receivedMs() < oldest.toEpochMilli() || mine > refusedBytesPerStudent
                    || total + r.sizeBytes() > refusedBytesTotal) {
                release.add(r.sha256());
                continue;
            }
            perStudent.put(r.accountId(), mine);
            total += r.sizeBytes();
            keep.add(r.sha256());
        }
        return release;
    }
}
