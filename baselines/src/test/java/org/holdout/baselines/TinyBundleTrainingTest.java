package org.holdout.baselines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.holdout.baselines.cli.BaselineCommand;
import org.holdout.bundle.Bundle;
import org.holdout.cli.ExitCodes;
import org.holdout.cli.Holdout;
import org.holdout.scoring.Score;
import org.holdout.scoring.Scorer;
import org.holdout.scoring.Solution;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;
import org.junit.jupiter.api.Tag;

/** Every model on a generated 12×12 RGB bundle (also checks that the models build for any shape). */
@Tag("slow")
class TinyBundleTrainingTest {
    @TempDir
    static Path tmp;
    static Bundle bundle;

    @BeforeAll
    static void writeBundle() throws IOException {
        bundle = TestBundles.tiny(tmp.resolve("bundle"));
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void trains_writes_every_file_and_the_scorer_accepts_the_submission(Tier tier) throws Exception {
        Path out = tmp.resolve("out-" + tier.id());
        BaselineTrainer.Result r = BaselineTrainer.train(tier, bundle, out, new TierBudget(4, 32, 0), 3, TrainingListener.NONE);

        assertThat(r.epochLosses()[3]).isLessThan(r.epochLosses()[0]);
        assertThat(r.model()).isRegularFile();
        assertThat(r.curve()).isRegularFile();
        assertThat(r.grid()).isRegularFile();
        List<String> lines = Files.readAllLines(r.submission());
        assertThat(lines).hasSize(41).first().isEqualTo("Id,Predicted");
        Score score = Scorer.score(Solution.read(bundle.solution()), Files.readAllBytes(r.submission()));
        assertThat(score.rows()).isEqualTo(40);
        assertThat(score.publicAuc()).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void the_same_seed_gives_the_same_scores(Tier tier) throws Exception {
        TierBudget budget = new TierBudget(2, 32, 0);
        Path a = BaselineTrainer.train(tier, bundle, tmp.resolve("a-" + tier.id()), budget, 11, TrainingListener.NONE).submission();
        Path b = BaselineTrainer.train(tier, bundle, tmp.resolve("b-" + tier.id()), budget, 11, TrainingListener.NONE).submission();
        assertThat(Files.readAllLines(b)).isEqualTo(Files.readAllLines(a));
    }

    @Test
    void train_command_writes_the_output_folder_and_prints_the_aucs() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Holdout.commandLine(new BaselineCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        Path dir = tmp.resolve("cli");
        int code = cl.execute("baseline", "train", "medium", "--bundle", bundle.dir().toString(), "--out", dir.toString(),
                "--epochs", "2", "--batch", "16");
        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(dir.resolve("submission.csv")).isRegularFile();
        assertThat(dir.resolve("model.zip")).isRegularFile();
        assertThat(out.toString()).contains("medium: 47355 trainable parameters").contains("public AUC 0.").contains("private AUC 0.");
        assertThat(err.toString()).contains("medium").contains("loss");
    }

    @Test
    void train_command_with_progress_json_prints_one_json_object_per_event_and_redraws_the_curve() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cl = Holdout.commandLine(new BaselineCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        Path dir = tmp.resolve("json");
        assertThat(cl.execute("baseline", "train", "simple", "--bundle", bundle.dir().toString(), "--out", dir.toString(),
                "--epochs", "3", "--progress-json")).isEqualTo(ExitCodes.OK);
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> events = new java.util.ArrayList<>();
        for (String line : out.toString().split("\n")) {
            events.add(mapper.readTree(line));
        }
        assertThat(events).extracting(e -> e.get("event").asText()).containsExactly("start", "epoch", "epoch", "epoch",
                "done");
        assertThat(events.get(0).get("epochs").asInt()).isEqualTo(3);
        JsonNode second = events.get(2);
        assertThat(second.get("tier").asText()).isEqualTo("simple");
        assertThat(second.get("epoch").asInt()).isEqualTo(2);
        assertThat(second.get("loss").asDouble()).isPositive();
        assertThat(second.get("seconds").asDouble()).isPositive();
        assertThat(Path.of(second.get("curve").asText())).isEqualTo(dir.toAbsolutePath().resolve(BaselineTrainer.CURVE));
        assertThat(Path.of(events.get(4).get("submission").asText())).isRegularFile();
        assertThat(dir.resolve(BaselineTrainer.CURVE)).isRegularFile();
        assertThat(dir.resolve("training-curve.tmp.png")).doesNotExist();

        StringWriter failed = new StringWriter();
        cl.setOut(new PrintWriter(failed));
        assertThat(cl.execute("baseline", "train", "simple", "--bundle", tmp.resolve("nope").toString(),
                "--progress-json")).isEqualTo(ExitCodes.INVALID_INPUT);
        JsonNode f = mapper.readTree(failed.toString());
        assertThat(f.get("event").asText()).isEqualTo("failed");
        assertThat(f.get("message").asText()).startsWith("cannot open the bundle " + tmp.resolve("nope"));
    }

    @Test
    void train_command_refuses_an_unknown_model_and_a_missing_bundle() {
        CommandLine cl = Holdout.commandLine(new BaselineCommand());
        cl.setErr(new PrintWriter(new StringWriter()));
        assertThat(cl.execute("baseline", "train", "huge", "--bundle", bundle.dir().toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(cl.execute("baseline", "train", "simple", "--bundle", tmp.resolve("nope").toString()))
                .isEqualTo(ExitCodes.INVALID_INPUT);
    }
}
