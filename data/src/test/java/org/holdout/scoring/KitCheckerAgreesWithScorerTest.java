package org.holdout.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Beyond the corpus: files made by random edits of valid ones (the bytes that matter to the format: commas, quotes,
 * CR, LF, spaces, a BOM, non-ASCII and invalid UTF-8, signs, dots, exponents, digits) get the same verdict from the
 * starter kit's {@code holdout_kit.py} as from this scorer. A disagreement names the file's bytes. More files, another
 * seed: {@code -Dkit.fuzz.files=20000 -Dkit.fuzz.seed=7}.
 */
class KitCheckerAgreesWithScorerTest {
    private static final String[] PIECES = {",", "\"", "\r", "\n", "\r\n", " ", "\t", "\uFEFF", "é", "😀", "-", "+",
        ".", "e", "E", "0", "1", "7", "9", "x", "nan", "inf", "1e400", "\"\"", "Id", "Predicted", ",,", "00"};
    private static final byte[][] RAW = {{(byte) 0xff}, {(byte) 0xc3}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {0}};

    @Test
    void randomlyEditedFilesGetTheSameVerdictFromTheKit(@TempDir Path dir) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python), "python3 is not installed (./holdout setup --test installs it)");
        int count = Integer.getInteger("kit.fuzz.files", 600);
        Random r = new Random(Long.getLong("kit.fuzz.seed", 20261206L));
        List<Solution> solutions = List.of(TestSolutions.of(12, Integer::toString),
                TestSolutions.of(5, i -> List.of("a", "b\u00e9", "0", "x y", "img4").get(i)));
        List<String> ids12 = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids12.add(Integer.toString(i));
        }
        List<List<String>> idLists = List.of(ids12, List.of("a", "b\u00e9", "0", "x y", "img4"));
        List<String> expected = new ArrayList<>();
        List<String> files = new ArrayList<>();
        List<Integer> sets = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            int set = r.nextInt(2);
            byte[] file = mutate(valid(idLists.get(set), r), r);
            Path p = dir.resolve("f" + n + ".csv");
            Files.write(p, file);
            files.add(p.toString());
            sets.add(set);
            expected.add(ConformanceCorpusTest.verdict(solutions.get(set), file));
        }
        for (int s = 0; s < 2; s++) {
            StringBuilder sample = new StringBuilder("Id,Predicted\n");
            for (String id : idLists.get(s)) {
                sample.append('"').append(id).append("\",0.5\n");
            }
            Files.writeString(dir.resolve("sample" + s + ".csv"), sample);
        }
        String driver = String.join("\n", "import json, sys",
                "sys.path.insert(0, sys.argv[1])",
                "import holdout_kit as k",
                "ids = [k.TestIds.from_sample(open(sys.argv[2] + '/sample%d.csv' % s, 'rb').read()) for s in (0, 1)]",
                "cases = json.load(sys.stdin)",
                "out = [k.verdict(open(f, 'rb').read(), ids[s])[0] for f, s in cases]",
                "sys.stdout.buffer.write(json.dumps(out).encode('utf-8'))");
        ObjectMapper json = new ObjectMapper();
        List<Object[]> cases = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            cases.add(new Object[] {files.get(i), sets.get(i)});
        }
        ProcessBuilder pb = new ProcessBuilder(python.toString(), "-c", driver,
                Path.of("..", "starter-kit").toAbsolutePath().toString(), dir.toString());
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process p = pb.start();
        p.getOutputStream().write(json.writeValueAsBytes(cases));
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        String[] kit = json.readValue(out, String[].class);
        int refused = 0;
        for (int i = 0; i < files.size(); i++) {
            assertThat(kit[i]).as("%s: %s", files.get(i), escaped(Files.readAllBytes(Path.of(files.get(i)))))
                    .isEqualTo(expected.get(i));
            refused += expected.get(i).startsWith("OK: ") ? 0 : 1;
        }
        assertThat(refused).as("refused files among " + count).isBetween(count / 3, count * 98 / 100);
    }

    private static byte[] valid(List<String> ids, Random r) {
        List<String> order = new ArrayList<>(ids);
        java.util.Collections.shuffle(order, r);
        StringBuilder sb = new StringBuilder(r.nextInt(5) == 0 ? "\uFEFF" : "").append("Id,Predicted");
        String end = r.nextBoolean() ? "\n" : "\r\n";
        for (String id : order) {
            String shown = id.contains(" ") || r.nextInt(4) == 0 ? "\"" + id + "\"" : id;
            sb.append(end).append(shown).append(',').append(r.nextInt(1000) / 100.0);
        }
        if (r.nextBoolean()) {
            sb.append(end);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] mutate(byte[] valid, Random r) {
        byte[] b = valid;
        int edits = r.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = b.length == 0 ? 0 : r.nextInt(b.length + 1);
            byte[] piece = r.nextInt(6) == 0 ? RAW[r.nextInt(RAW.length)]
                    : PIECES[r.nextInt(PIECES.length)].getBytes(StandardCharsets.UTF_8);
            int cut = r.nextInt(3) == 0 ? Math.min(b.length - at, 1 + r.nextInt(3)) : 0;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(b, 0, at);
            out.write(piece, 0, piece.length);
            out.write(b, at + cut, b.length - at - cut);
            b = out.toByteArray();
        }
        return b;
    }

    private static String escaped(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            int c = x & 0xff;
            sb.append(c >= 0x20 && c < 0x7f && c != '\\' ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return sb.toString();
    }
}
