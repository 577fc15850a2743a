"""Reference for `holdout score` as a whole process (docs/benchmarks.md): the same job in pandas + scikit-learn.

python3 pandas_score.py SOLUTION.csv SUBMISSION.csv prints the Public and Private ROC-AUC as JSON, after the checks a
script would make: duplicate, unknown and missing Ids, scores that are not finite numbers.
"""
import json
import sys

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score

solution = pd.read_csv(sys.argv[1])
submission = pd.read_csv(sys.argv[2])
if list(submission.columns) != ["Id", "Predicted"]:
    sys.exit("refused: the header is not Id,Predicted")
if submission["Id"].duplicated().any():
    sys.exit("refused: duplicate Ids")
if not np.isfinite(pd.to_numeric(submission["Predicted"], errors="coerce")).all():
    sys.exit("refused: a score is not a finite number")
rows = solution.merge(submission, on="Id", how="left", validate="one_to_one")
if rows["Predicted"].isna().any() or len(submission) != len(solution):
    sys.exit("refused: missing or unknown Ids")
out = {}
for usage in ("Public", "Private"):
    part = rows[rows["Usage"] == usage]
    out[usage.lower()] = roc_auc_score(part["Expected"], part["Predicted"])
out["rows"] = len(submission)
print(json.dumps(out))
