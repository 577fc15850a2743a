package org.holdout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.holdout.bundle.Bundle;
import org.holdout.bundle.BundleManifest;
import org.holdout.bundle.FashionMnist;
import org.holdout.npy.Npy;
import org.holdout.npy.UInt8Array;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code holdout bundle ...} through the real command line: output, one-line errors, exit codes. */
class BundleCommandTest {
    @TempDir
    Path dir;
    Path train;
    Path test;
    Path labels;
    Path out;
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();

    @BeforeEach
    void courseFiles() throws IOException {
        train = dir.resolve("trainingset.npy");
        test = dir.resolve("testingset.npy");
        out = dir.resolve("bundle");
        Npy.write(train, new UInt8Array(new int[] {5, 3, 3, 3}, new byte[135]));
        byte[] images = new byte[8 * 27];
        for (int i = 0; i < images.length; i++) images[i] = (byte) i;
        Npy.write(test, new UInt8Array(new int[] {8, 3, 3, 3}, images));
        labels = Files.writeString(dir.resolve("labels.csv"), "Id,Expected\n0,0\n1,1\n2,0\n3,1\n4,0\n5,1\n6,0\n7,1\n");
    }

    private int run(String... args) {
        stdout.getBuffer().setLength(0);
        stderr.getBuffer().setLength(0);
        CommandLine cl = Holdout.commandLine();
        cl.setOut(new PrintWriter(stdout));
        cl.setErr(new PrintWriter(stderr));
        return cl.execute(args);
    }

    private int course(String... extra) {
        String[] base = {"bundle", "course", "--train", train.toString(), "--test", test.toString(), "--labels", labels.toString(),
                "--out", out.toString(), "--quiet"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return run(all);
    }

    private void assertOneLineError(String... fragments) {
        assertThat(stderr.toString().lines()).hasSize(1);
        assertThat(stderr.toString()).startsWith("error: ").contains(fragments).doesNotContain("Exception", "\tat ");
    }

    @Test
    void buildsACourseBundleAndVerifiesIt() throws IOException {
        assertThat(course("--seed", "3", "--name", "hw8")).isEqualTo(ExitCodes.OK);
        assertThat(stderr.toString()).isEmpty();
        assertThat(stdout.toString()).contains("Wrote bundle hw8 to " + out, "test: 8 images (4 normal, 4 anomalies)",
                "public: 4 rows (2 anomalies); private: 4 rows (2 anomalies)");
        assertThat(Bundle.open(out).manifest().seed()).isEqualTo(3);

        assertThat(run("bundle", "verify", out.toString())).isEqualTo(ExitCodes.OK);
        assertThat(stdout.toString()).contains("Bundle hw8 in " + out + " is intact (4 files match their SHA-256)", "train: 5 images");
        assertThat(stderr.toString()).isEmpty();
    }

    @Test
    void floorsPrintsATableOrJsonAndRefusesABundleThatDoesNotVerify() throws IOException {
        assertThat(course("--name", "hw8")).isEqualTo(ExitCodes.OK);
        assertThat(run("bundle", "floors", "--quiet", out.toString())).isEqualTo(ExitCodes.OK);
        assertThat(stdout.toString()).contains("Calibration floors of hw8 (staff only", "mean-intensity ", "l2-to-mean ");
        assertThat(stderr.toString()).isEmpty();

        assertThat(run("bundle", "floors", "--quiet", "--json", out.toString())).isEqualTo(ExitCodes.OK);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(stdout.toString());
        assertThat(json.get("bundle").asText()).isEqualTo("hw8");
        assertThat(json.get("floors")).hasSize(4);
        assertThat(json.get("floors").get(0).get("id").asText()).isEqualTo("mean-intensity");
        double up = json.get("floors").get(0).get("public").doubleValue();
        assertThat(json.get("floors").get(1).get("public").doubleValue()).isCloseTo(1 - up, org.assertj.core.api.Assertions.within(1e-12));

        Files.writeString(out.resolve("solution.csv"), "Id,Expected,Usage\n");
        assertThat(run("bundle", "floors", "--quiet", out.toString())).isEqualTo(ExitCodes.REJECTED);
        assertOneLineError("solution.csv");
    }

    @Test
    void verifyRefusesATamperedBundleNamingTheFile() throws IOException {
        assertThat(course()).isEqualTo(ExitCodes.OK);
        byte[] bytes = Files.readAllBytes(out.resolve("train.npy"));
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(out.resolve("train.npy"), bytes);
        assertThat(run("bundle", "verify", out.toString())).isEqualTo(ExitCodes.REJECTED);
        assertOneLineError(out.resolve("train.npy") + ": SHA-256 is");
        assertThat(stdout.toString()).isEmpty();

        assertThat(run("bundle", "verify", dir.resolve("nothing").toString())).isEqualTo(ExitCodes.REJECTED);
        assertOneLineError("nothing: no such bundle folder");
    }

    @Test
    void refusesToOverwriteUnlessForced() throws IOException {
        assertThat(course()).isEqualTo(ExitCodes.OK);
        assertThat(course("--seed", "9")).isEqualTo(ExitCodes.INVALID_INPUT);
        assertOneLineError("folder is not empty; use --force to replace it");
        assertThat(course("--seed", "9", "--force")).isEqualTo(ExitCodes.OK);
        assertThat(Bundle.open(out).manifest().seed()).isEqualTo(9);
    }

    @Test
    void refusesASplitWithoutAuc() throws IOException {
        labels = Files.writeString(dir.resolve("labels.txt"), "0\n0\n0\n0\n0\n0\n0\n1\n");
        assertThat(course()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertOneLineError("solution refused: the ", " split has only normal rows", "so it has no AUC");
        assertThat(out).doesNotExist();
    }

    @Test
    void userErrorsAreOneLineWithTheRightExitCode() throws IOException {
        assertThat(run("bundle", "course", "--out", out.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(stderr.toString()).contains("Missing required options");

        assertThat(course("--public-fraction", "1.5")).isEqualTo(ExitCodes.USAGE);
        assertOneLineError("--public-fraction must be between 0 and 1");

        Files.delete(train);
        assertThat(course()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertOneLineError("trainingset.npy: no such file");
        Npy.write(train, new UInt8Array(new int[] {5, 3, 3, 3}, new byte[135]));

        Files.writeString(labels, "Id,Expected\n0,0\n");
        assertThat(course()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertOneLineError("labels.csv: no label for Id 1");

        assertThat(run("bundle", "images", "--root", dir.toString(), "--out", out.toString(), "--size", "big")).isEqualTo(ExitCodes.USAGE);
        assertThat(stderr.toString()).contains("--size must be HxW");

        assertThat(run("bundle", "images", "--root", dir.toString(), "--out", out.toString())).isEqualTo(ExitCodes.INVALID_INPUT);
        assertOneLineError("train/normal: missing");

        assertThat(run("bundle")).isEqualTo(ExitCodes.USAGE);
        assertThat(stderr.toString()).contains("fashion-mnist", "course", "images", "verify");
    }

    @Test
    void fashionMnistWithoutItsFilesSaysHowToInstallThem() throws IOException {
        assertThat(run("bundle", "fashion-mnist", "--source", dir.resolve("none").toString(), "--out", out.toString(), "-q"))
                .isEqualTo(ExitCodes.INVALID_INPUT);
        assertOneLineError("Fashion-MNIST not found", "sudo apt-get install dataset-fashion-mnist");

        assertThat(run("bundle", "fashion-mnist", "--normal", "3,11", "--out", out.toString(), "-q")).isEqualTo(ExitCodes.USAGE);
        assertOneLineError("normal class 11 is not one of 0..9");

        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        assertThat(run("bundle", "fashion-mnist", "--download", "--download-url", "http://127.0.0.1:" + closedPort,
                "--source", dir.resolve("dl").toString(), "--out", out.toString(), "-q")).isEqualTo(ExitCodes.INVALID_INPUT);
        assertOneLineError("could not download http://127.0.0.1:" + closedPort + "/train-images-idx3-ubyte.gz");
    }

    @Test
    void fashionMnistWithSeveralNormalClasses() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(FashionMnist.DEBIAN_DIR.resolve(FashionMnist.TRAIN_IMAGES)),
                "dataset-fashion-mnist is not installed");
        assertThat(run("bundle", "fashion-mnist", "--normal", "2,0", "--seed", "5", "--public-fraction", "0.3",
                "--source", FashionMnist.DEBIAN_DIR.toString(), "--out", out.toString(), "-q")).isEqualTo(ExitCodes.OK);
        assertThat(stdout.toString()).contains("normal classes: T-shirt/top, Pullover", "train: 12000 images (normal only)",
                "public: 3000 rows (2400 anomalies)");
        BundleManifest m = Bundle.open(out).manifest();
        assertThat(m.normalClasses()).containsExactly(0, 2);
        assertThat(m.name()).isEqualTo("fashion-mnist-normal-0-2");
        assertThat(m.publicFraction()).isEqualTo(0.3);
        assertThat(m.classCounts().get("public")).containsEntry("Pullover", 300).containsEntry("Bag", 300);
    }

    @Test
    void buildsFromImageFoldersWithSizeAndChannels() throws IOException {
        for (String folder : new String[] {"train/normal", "test/normal", "test/abnormal"}) {
            for (int i = 0; i < 3; i++) {
                java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(10, 6, java.awt.image.BufferedImage.TYPE_INT_RGB);
                img.setRGB(i, 1, 0xFF8800);
                Path file = Files.createDirectories(dir.resolve("images").resolve(folder)).resolve("img" + i + ".png");
                javax.imageio.ImageIO.write(img, "png", file.toFile());
            }
        }
        assertThat(run("bundle", "images", "--root", dir.resolve("images").toString(), "--size", "4x5", "--channels", "1",
                "--out", out.toString(), "-q")).isEqualTo(ExitCodes.OK);
        assertThat(stdout.toString()).contains("images: 4×5×1", "test: 6 images (3 normal, 3 anomalies)");
        assertThat(Bundle.open(out).test().shape()).containsExactly(6, 4, 5, 1);
    }
}
