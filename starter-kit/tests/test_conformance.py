"""holdout_kit.py check on the conformance corpus: exactly the Java scorer's words for every file."""
import json
import os
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
KIT = os.path.join(HERE, "..")
CORPUS = os.path.join(KIT, "conformance")
sys.path.insert(0, KIT)
import holdout_kit  # noqa: E402


def read(path):
    with open(path, "rb") as f:
        return f.read()


class ConformanceTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(os.path.join(CORPUS, "cases.json"), encoding="utf-8") as f:
            cls.cases = json.load(f)["cases"]
        cls.ids = {}
        for c in cls.cases:
            if c["ids"] not in cls.ids:
                sample = read(os.path.join(CORPUS, c["ids"], "sample_submission.csv"))
                cls.ids[c["ids"]] = holdout_kit.TestIds.from_sample(sample)

    def test_every_file_gets_the_servers_exact_message(self):
        self.assertGreater(len(self.cases), 100)
        for c in self.cases:
            with self.subTest(file=c["file"], about=c["about"]):
                text, code = holdout_kit.verdict(read(os.path.join(CORPUS, c["file"])), self.ids[c["ids"]])
                self.assertEqual(c["expect"], text)
                self.assertEqual(1 if c["refused"] else 0, code)

    def test_every_file_gets_the_servers_exact_message_in_chinese(self):
        holdout_kit.LANG = "zh-TW"
        try:
            for c in self.cases:
                with self.subTest(file=c["file"], about=c["about"]):
                    text, code = holdout_kit.verdict(read(os.path.join(CORPUS, c["file"])), self.ids[c["ids"]])
                    self.assertEqual(c["expect_zh_TW"], text)
        finally:
            holdout_kit.LANG = "en"

    def test_every_file_of_the_corpus_is_a_case(self):
        listed = sorted(c["file"] for c in self.cases)
        present = sorted("files/" + n for n in os.listdir(os.path.join(CORPUS, "files")))
        self.assertEqual(present, listed)

    def test_the_command_prints_the_message_and_exits_1_or_0(self):
        for name, ids, code, lang in [("files/missing-two.csv", "numeric", 1, "en"),
                                      ("files/ok-bom-crlf.csv", "numeric", 0, "en"),
                                      ("files/missing-two.csv", "numeric", 1, "zh-TW"),
                                      ("files/duplicate.csv", "numeric", 1, "zh-TW")]:
            key = "expect_zh_TW" if lang == "zh-TW" else "expect"
            expect = next(c[key] for c in self.cases if c["file"] == name)
            run = subprocess.run([sys.executable, os.path.join(KIT, "holdout_kit.py"), "--lang", lang, "check",
                                  os.path.join(CORPUS, name), "--sample",
                                  os.path.join(CORPUS, ids, "sample_submission.csv")],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(os.environ, LC_ALL="C.UTF-8",
                                                                                          PYTHONIOENCODING="utf-8"))
            self.assertEqual(code, run.returncode, run.stderr)
            self.assertEqual(expect + "\n", run.stdout.decode("utf-8"))


if __name__ == "__main__":
    unittest.main()
