package org.holdout.npy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

    @TempDir
    Path dir;

    private static UInt8Array pattern(int... shape) {
        int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) {
            data[i] = (byte) (i * 7 + 3);
        }
        return new UInt8Array(shape, data);
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(NpyTest.class.getResource("/bundle/npy/" + name).toURI());
    }

    @Test
    void writtenArraysReadBackEqual() throws IOException {
        for (int[] shape : new int[][] {{2, 3}, {5}, {0, 4}, {}, {3, 28, 28, 1}, {2, 5, 4, 3}}) {
            UInt8Array a = pattern(shape);
            Path f = dir.resolve("a.npy");
            Npy.write(f, a);
            assertThat(Npy.readUInt8(f)).isEqualTo(a);
            assertThat((Files.size(f) - a.data().length) % 64).as("header aligned to 64 bytes").isZero();
        }
    }

    @Test
    void numpyLoadsOurFilesExactlyAndWritesTheSameBytes() throws IOException {
        Numpy.assumeAvailable();
        int[][] shapes = {{2, 3}, {5}, {0, 4}, {}, {3, 28, 28, 1}, {1000, 2, 2, 3}};
        for (int k = 0; k < shapes.length; k++) {
            Npy.write(dir.resolve("a" + k + ".npy"), pattern(shapes[k]));
        }
        String out = Numpy.run("""
                import numpy as np
                shapes = [(2, 3), (5,), (0, 4), (), (3, 28, 28, 1), (1000, 2, 2, 3)]
                for k, shape in enumerate(shapes):
                    name = 'a%d.npy' % k
                    a = np.load(name, allow_pickle=False)
                    n = int(np.prod(shape))
                    expected = ((np.arange(n) * 7 + 3) % 256).astype(np.uint8).reshape(shape)
                    assert a.dtype == np.uint8 and a.shape == shape and a.flags['C_CONTIGUOUS'], (name, a.dtype, a.shape)
                    assert np.array_equal(a, expected), name
                    np.save('numpy%d.npy' % k, expected)
                    assert open('numpy%d.npy' % k, 'rb').read() == open(name, 'rb').read(), name + ' differs from np.save'
                print('ok', len(shapes))
                """, dir);
        assertThat(out).isEqualTo("ok 6");
    }

    @Test
    void readsNumpyWrittenFilesOfEveryLabelDtypeAndVersion() throws IOException {
        Numpy.run("""
                import numpy as np
                for t in ['<i8', '<i4', '|u1', '<f4', '<f8', '>i4', '|b1', '<u2']:
                    np.save('labels_%s.npy' % t.replace('<', 'le').replace('>', 'be').replace('|', ''), np.array([0, 1, 1, 0, 1], dtype=t))
                np.save('images.npy', (np.arange(4 * 3 * 2) % 256).astype(np.uint8).reshape(4, 3, 2))
                for v in [(1, 0), (2, 0), (3, 0)]:
                    with open('v%d.npy' % v[0], 'wb') as f:
                        np.lib.format.write_array(f, np.array([[0.5, -2.0], [7.0, 1e300]]), version=v)
                np.save('fortran.npy', np.asfortranarray(np.arange(6, dtype=np.uint8).reshape(2, 3)))
                """, dir);
        for (String t : new String[] {"lei8", "lei4", "u1", "lef4", "lef8", "bei4", "b1", "leu2"}) {
            NpyArray a = Npy.read(dir.resolve("labels_" + t + ".npy"));
            assertThat(a.shape()).as(t).containsExactly(5);
            assertThat(new long[] {a.getLong(0), a.getLong(1), a.getLong(2), a.getLong(3), a.getLong(4)}).as(t)
                    .containsExactly(0, 1, 1, 0, 1);
        }
        UInt8Array images = Npy.readUInt8(dir.resolve("images.npy"));
        assertThat(images.shape()).containsExactly(4, 3, 2);
        assertThat(images.get(23)).isEqualTo(23);
        for (int v = 1; v <= 3; v++) {
            NpyArray a = Npy.read(dir.resolve("v" + v + ".npy"));
            assertThat(a.shape()).containsExactly(2, 2);
            assertThat(new double[] {a.getDouble(0), a.getDouble(1), a.getDouble(2), a.getDouble(3)})
                    .containsExactly(0.5, -2.0, 7.0, 1e300);
        }
        assertThatThrownBy(() -> Npy.read(dir.resolve("fortran.npy"))).isInstanceOf(NpyFormatException.class)
                .hasMessageContaining("fortran.npy").hasMessageContaining("Fortran order");
    }

    @Test
    void readsCommittedNumpyFixtures() throws Exception {
        NpyArray labels = Npy.read(resource("labels_int64.npy"));
        assertThat(labels.header().descr()).isEqualTo("<i8");
        assertThat(labels.getLong(1)).isEqualTo(1);
        assertThat(labels.getLong(3)).isZero();

        UInt8Array images = Npy.readUInt8(resource("images_uint8.npy"));
        assertThat(images.shape()).containsExactly(2, 3, 2, 1);
        for (int i = 0; i < 12; i++) {
            assertThat(images.get(i)).isEqualTo(i * 37 % 256);
        }
        NpyArray scores = Npy.read(resource("scores_float32_v2.npy"));
        assertThat(scores.shape()).containsExactly(2, 2);
        assertThat(scores.getDouble(1)).isEqualTo(-1.25);
        assertThat(scores.getDouble(3)).isEqualTo(1e-3f);

        assertThatThrownBy(() -> Npy.read(resource("fortran_float64.npy"))).isInstanceOf(NpyFormatException.class)
                .hasMessageContaining("fortran_float64.npy: array is in Fortran order");
    }

    @Test
    void malformedFilesAreRefusedNamingTheFile() throws IOException {
        Path notNpy = Files.writeString(dir.resolve("plain.npy"), "Id,Expected\n0,1\n");
        assertThatThrownBy(() -> Npy.read(notNpy)).hasMessageContaining("plain.npy").hasMessageContaining("not a .npy file");

        Path full = dir.resolve("full.npy");
        Npy.write(full, pattern(4, 2, 2, 1));
        byte[] bytes = Files.readAllBytes(full);
        Path cut = Files.write(dir.resolve("cut.npy"), Arrays.copyOf(bytes, bytes.length - 3));
        assertThatThrownBy(() -> Npy.readUInt8(cut)).hasMessageContaining("cut.npy: truncated").hasMessageContaining("needs 16 bytes");

        Numpy.run("import numpy as np; np.save('floats.npy', np.zeros((2, 2), dtype=np.float32))", dir);
        assertThatThrownBy(() -> Npy.readUInt8(dir.resolve("floats.npy")))
                .hasMessageContaining("floats.npy: dtype is '<f4', expected uint8 ('|u1')");
        assertThatThrownBy(() -> Npy.read(dir.resolve("missing.npy"))).hasMessageContaining("missing.npy: no such file");
    }
}
