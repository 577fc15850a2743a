"""holdout_kit.py's own pieces: the upload checks before the scorer, times as the site shows them, the messages table."""
import ast
import gzip
import os
import string
import subprocess
import sys
import tempfile
import unittest

KIT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, KIT)
import holdout_kit  # noqa: E402


class KitTest(unittest.TestCase):
    def test_a_compressed_file_gets_the_servers_415_message(self):
        ids = holdout_kit.TestIds(["0", "1"])
        data = gzip.compress(b"Id,Predicted\n0,1\n1,2\n")
        self.assertEqual(('"sub.csv.gz" is a gzip archive, not a CSV: uncompress it and upload the .csv file itself.',
                          1), holdout_kit.verdict(data, ids, "sub.csv.gz"))
        self.assertEqual("The file is a zip archive, not a CSV: uncompress it and upload the .csv file itself.",
                         holdout_kit.verdict(b"PK\x03\x04rest", ids)[0])

    def test_times_are_shown_in_the_competitions_zone_like_the_site(self):
        self.assertEqual("2026-03-02 00:00 GMT+8", holdout_kit.local_time("2026-03-01T16:00:00Z", "+08:00"))
        self.assertEqual("2026-03-01 12:30 GMT-3:30", holdout_kit.local_time("2026-03-01T16:00:00.5Z", "UTC-03:30"))
        self.assertEqual("2026-03-01 16:00 GMT", holdout_kit.local_time("2026-03-01T16:00:00Z", "UTC"))

    def test_five_decimals_round_half_up_like_the_site(self):
        self.assertEqual("0.83333", holdout_kit.five_decimals(5 / 6))
        self.assertEqual("1.00000", holdout_kit.five_decimals(1.0))
        self.assertEqual("0.50000", holdout_kit.five_decimals(0.5))

    def test_every_language_has_every_message_with_the_same_placeholders(self):
        english = holdout_kit.MESSAGES["en"]
        fields = {k: sorted(f[1] for f in string.Formatter().parse(v) if f[1]) for k, v in english.items()}
        for lang, table in holdout_kit.MESSAGES.items():
            self.assertEqual(sorted(english), sorted(table), lang)
            for key, text in table.items():
                self.assertEqual(fields[key], sorted(f[1] for f in string.Formatter().parse(text) if f[1]),
                                 lang + " " + key)

    def test_messages_follow_lang_then_the_locale(self):
        def run(env, *extra):
            env = dict({k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}, **env)
            return subprocess.run([sys.executable, os.path.join(KIT, "holdout_kit.py")] + list(extra)
                                  + ["check", "no-such.csv", "--sample", "no-such.csv"], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, env=dict(env, PYTHONIOENCODING="utf-8")).stderr.decode("utf-8")
        self.assertTrue(run({}).startswith("cannot read no-such.csv: "))
        self.assertTrue(run({"LANG": "zh_TW.UTF-8"}).startswith("無法讀取 no-such.csv："))
        self.assertTrue(run({"LANG": "zh_CN.UTF-8"}).startswith("無法讀取"))
        self.assertTrue(run({"LANG": "zh_TW.UTF-8", "LC_ALL": "C.UTF-8"}).startswith("cannot read"))
        self.assertTrue(run({"LANG": "zh_TW.UTF-8"}, "--lang", "en").startswith("cannot read"))
        self.assertTrue(run({}, "--lang", "zh-TW").startswith("無法讀取"))

    def test_lang_may_also_follow_the_command(self):
        def run(*args):
            env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
            done = subprocess.run([sys.executable, os.path.join(KIT, "holdout_kit.py")] + list(args),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  env=dict(env, PYTHONIOENCODING="utf-8"))
            return done.returncode, done.stderr.decode("utf-8")
        after = run("check", "no-such.csv", "--sample", "no-such.csv", "--lang", "zh-TW")
        self.assertEqual(after[0], 3)
        self.assertTrue(after[1].startswith("無法讀取 no-such.csv："), after[1])
        self.assertTrue(run("--lang", "zh-TW", "check", "no-such.csv", "--sample", "x.csv")[1].startswith("無法讀取"))
        self.assertTrue(run("--lang", "zh-TW", "check", "no-such.csv", "--sample", "x.csv", "--lang", "en")[1]
                        .startswith("cannot read"))
        submit = run("submit", "no-such.csv", "--server", "http://127.0.0.1:9", "--token", "t", "--lang", "zh-TW")
        self.assertTrue(submit[1].startswith("無法讀取 no-such.csv："), submit[1])

    def test_the_chinese_checker_names_the_same_line_and_id(self):
        ids = holdout_kit.TestIds([str(i) for i in range(10)])
        try:
            holdout_kit.LANG = "zh-TW"
            text, code = holdout_kit.verdict(b"Id,Predicted\n" + b"".join(b"%d,0.5\n" % i for i in range(10) if i != 3)
                                             + b"7,abc\n", ids)
        finally:
            holdout_kit.LANG = "en"
        self.assertEqual(("第 11 行的 Id 7 重複，第一次出現在第 8 行；檔案還有 1 個問題", 1), (text, code))

    def test_the_kits_python_parses_as_python_3_8(self):
        for name in ("holdout_kit.py", "example_numpy.py"):
            with open(os.path.join(KIT, name), encoding="utf-8") as f:
                ast.parse(f.read(), name, feature_version=(3, 8))

    def test_a_sample_that_is_not_one_is_exit_code_3(self):
        with tempfile.TemporaryDirectory() as d:
            bad = os.path.join(d, "sample.csv")
            with open(bad, "w") as f:
                f.write("Name,Score\n")
            run = subprocess.run([sys.executable, os.path.join(KIT, "holdout_kit.py"), "check", bad, "--sample", bad],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
            self.assertEqual(3, run.returncode)
            self.assertIn("is not a usable sample submission: line 1 must be a header starting with Id", run.stderr)
            run = subprocess.run([sys.executable, os.path.join(KIT, "holdout_kit.py"), "check"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
            self.assertEqual(2, run.returncode)


if __name__ == "__main__":
    unittest.main()
