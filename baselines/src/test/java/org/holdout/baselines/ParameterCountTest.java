package org.holdout.baselines;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.holdout.baselines.cli.BaselineCommand;
import org.holdout.cli.ExitCodes;
import org.holdout.cli.Holdout;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ParameterCountTest {

    @Test
    void the_course_input_gives_the_course_counts() {
        ImageShape faces = new ImageShape(64, 64, 3);
        assertThat(Models.build(Tier.SIMPLE, faces, 0).trainableParams()).isEqualTo(3_176_419);
        assertThat(Models.build(Tier.MEDIUM, faces, 0).trainableParams()).isEqualTo(47_355);
        assertThat(Models.build(Tier.STRONG, faces, 0).trainableParams()).isEqualTo(47_595);
    }

    @Test
    void fashion_mnist_gives_the_pytorch_reference_counts() {
        ImageShape fashion = new ImageShape(28, 28, 1);
        assertThat(Models.build(Tier.SIMPLE, fashion, 0).trainableParams()).isEqualTo(219_891);
        assertThat(Models.build(Tier.MEDIUM, fashion, 0).trainableParams()).isEqualTo(46_585);
        assertThat(Models.build(Tier.STRONG, fashion, 0).trainableParams()).isEqualTo(46_825);
        assertThat(Models.build(Tier.BOSS, fashion, 0).trainableParams()).isEqualTo(179_939);
    }

    @Test
    void boss_counts_batchnorm_scale_and_shift_but_not_running_statistics() {
        assertThat(Models.build(Tier.BOSS, new ImageShape(64, 64, 3), 0).trainableParams()).isEqualTo(292_069);
    }

    @Test
    void params_command_prints_the_counts_as_json() {
        StringWriter out = new StringWriter();
        CommandLine cl = Holdout.commandLine(new BaselineCommand());
        cl.setOut(new PrintWriter(out));
        int code = cl.execute("baseline", "params", "--shape", "64,64,3", "--json");
        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(out.toString().trim()).startsWith("{\"shape\":[64,64,3],\"simple\":3176419,\"medium\":47355,"
                + "\"strong\":47595,\"boss\":292069}");
    }

    @Test
    void params_command_refuses_a_bad_shape() {
        StringWriter err = new StringWriter();
        CommandLine cl = Holdout.commandLine(new BaselineCommand());
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("baseline", "params", "--shape", "64,64")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("H,W,C");
    }
}
