package org.holdout.competition;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.holdout.account.Account;
import org.holdout.bundle.Bundle;
import org.holdout.threshold.Threshold;

/** The competitions this server runs, their rules page and the files students may download. */
public final class CompetitionService {
    /** The bundle's files students download, and nothing else: solution.csv is never among them. */
    public static final java.util.List<String> DOWNLOADS =
            java.util.List.of(Bundle.TRAIN, Bundle.TEST, Bundle.SAMPLE_SUBMISSION);

    private final CompetitionRepository repository;
    private final MemberRepository members;
    private final Path rulesFile;
    private final LongFunction<List<Threshold>> thresholds;

    /** {@code thresholds}: a competition's thresholds by its id, for the rules' and the kit's placeholders. */
    public CompetitionService(CompetitionRepository repository, MemberRepository members, Path rulesFile,
            LongFunction<List<Threshold>> thresholds) {
        this.repository = repository;
        this.members = members;
        this.rulesFile = rulesFile;
        this.thresholds = thresholds;
    }

    public CompetitionRepository repository() {
        return repository;
    }

    /** The default competition: the first created, which the routes without a slug serve. */
    public Competition current() {
        return repository.first().orElseThrow(() -> new IllegalStateException(
                "no competition in the database; 'holdout serve' creates the default one"));
    }

    /** Whether {@code who} may enter {@code c}: {@link CompetitionEntry}. */
    public boolean mayEnter(Account who, Competition c) {
        return CompetitionEntry.mayEnter(who, c, members);
    }

    /** The competitions {@code who} may enter, the default first. */
    public java.util.List<Competition> enterable(Account who) {
        return repository.all().stream().filter(c -> mayEnter(who, c)).toList();
    }

    public boolean isDefault(Competition c) {
        return repository.first().map(first -> first.id() == c.id()).orElse(false);
    }

    /** The downloadable files that exist, by name; looked up in this map only, never by path. */
    public Map<String, Path> downloads(Competition c) {
        Map<String, Path> out = new LinkedHashMap<>();
        for (String name : DOWNLOADS) {
            Path p = c.file(name);
            if (Files.isRegularFile(p)) {
                out.put(name, p);
            }
        }
        return out;
    }

    /** The competition's starter-kit.zip ({@link StarterKit}), its README naming the server at {@code serverUrl}. */
    public byte[] starterKit(Competition c, String serverUrl) {
        return StarterKit.zip(c, thresholds.apply(c.id()), serverUrl);
    }

    /**
     * The rules as safe HTML: the competition's own Markdown if staff set it, else rules.md if present, else the
     * built-in text; the {@link Placeholders} filled in, raw HTML escaped, unsafe links dropped.
     */
    public String rulesHtml(Competition c) {
        return previewHtml(c, c.rulesMd());
    }

    /** The rules page {@code c} would show with {@code markdown} as its own rules (blank: the file or built-in text). */
    public String previewHtml(Competition c, String markdown) {
        String md = markdown == null || markdown.isBlank() ? sharedRules() : markdown;
        md = Placeholders.fill(md, Placeholders.values(c, thresholds.apply(c.id())));
        return HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build()
                .render(Parser.builder().build().parse(md));
    }

    /** rules.md if present, else the built-in copy of the repository's rules.md. */
    private String sharedRules() {
        try {
            if (rulesFile != null && Files.isRegularFile(rulesFile)) {
                return Files.readString(rulesFile, StandardCharsets.UTF_8);
            }
            try (InputStream in = CompetitionService.class.getResourceAsStream("rules.md")) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
