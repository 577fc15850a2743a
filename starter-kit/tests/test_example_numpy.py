"""example_numpy.py on a tiny generated data set: its file passes holdout_kit.py check."""
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
KIT = os.path.join(HERE, "..")
try:
    import numpy as np
except ImportError:  # the kit's checker needs no numpy; only this example does
    np = None


@unittest.skipIf(np is None, "numpy is not installed (./holdout setup --test installs python3-numpy)")
class ExampleNumpyTest(unittest.TestCase):
    def run_kit(self, *args):
        return subprocess.run([sys.executable] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True, cwd=KIT)

    def test_the_example_writes_a_file_the_checker_accepts(self):
        with tempfile.TemporaryDirectory() as d:
            rng = np.random.default_rng(3)
            np.save(os.path.join(d, "train.npy"), rng.integers(0, 90, (200, 6, 6, 3), dtype=np.uint8))
            test = rng.integers(0, 90, (30, 6, 6, 3), dtype=np.uint8)
            test[::3] += 150
            np.save(os.path.join(d, "test.npy"), test)
            sample = os.path.join(d, "ids.csv")
            with open(sample, "w") as f:
                f.write("Id,Predicted\n" + "".join("%d,0.5\n" % i for i in range(30)))
            out = os.path.join(d, "submission.csv")
            run = self.run_kit("example_numpy.py", "--data", d, "--out", out)
            self.assertEqual(0, run.returncode, run.stderr)
            self.assertIn("wrote %s: 30 rows" % out, run.stdout)
            self.assertIn("no labels here, so no score", run.stdout)
            check = self.run_kit("holdout_kit.py", "check", out, "--sample", sample)
            self.assertEqual((0, "OK: 30 rows\n"), (check.returncode, check.stdout))
            with open(out) as f:
                rows = [line.rstrip("\n").split(",") for line in f][1:]
            scores = {int(i): float(s) for i, s in rows}
            brighter = [scores[i] for i in range(0, 30, 3)]
            others = [scores[i] for i in range(30) if i % 3]
            self.assertGreater(min(brighter), max(others), "the shifted images must score higher")

    def test_it_uses_the_sample_submissions_ids_when_the_data_folder_has_it(self):
        with tempfile.TemporaryDirectory() as d:
            np.save(os.path.join(d, "train.npy"), np.zeros((5, 2, 2, 1), dtype=np.uint8))
            np.save(os.path.join(d, "test.npy"), np.arange(12, dtype=np.uint8).reshape(3, 2, 2, 1))
            with open(os.path.join(d, "sample_submission.csv"), "w") as f:
                f.write("Id,Predicted\nb7,0.5\na2,0.5\nc0,0.5\n")
            out = os.path.join(d, "s.csv")
            self.assertEqual(0, self.run_kit("example_numpy.py", "--data", d, "--out", out).returncode)
            with open(out) as f:
                self.assertEqual(["Id", "b7", "a2", "c0"], [line.split(",")[0] for line in f])


if __name__ == "__main__":
    unittest.main()
