package org.holdout.submission;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CleanNameTest {
    @Test
    void aLongNameIsCutAfterWholeCharactersNeverInsideAnEmoji() {
        String name = "a" + "\uD83D\uDE00".repeat(150);
        String kept = SubmissionService.cleanName(name);
        assertThat(kept).hasSize(199).startsWith("a").endsWith("\uD83D\uDE00");
        assertThat(kept.codePoints().filter(cp -> cp >= 0xD800 && cp <= 0xDFFF)).isEmpty();
        assertThat(SubmissionService.cleanName("x".repeat(300))).hasSize(200);
        assertThat(SubmissionService.cleanName("C:\\\\Users\\\\me\\\\sub.csv")).isEqualTo("sub.csv");
    }
}
