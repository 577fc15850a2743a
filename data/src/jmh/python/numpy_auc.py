"""Reference timing: numpy's C loadtxt + scikit-learn roc_auc_score per split, on BenchmarkFiles output."""
import sys, time
import numpy as np
from sklearn.metrics import roc_auc_score

d = sys.argv[1]
t0 = time.perf_counter()
sol = np.loadtxt(d + '/solution.csv', delimiter=',', skiprows=1, dtype=str)
ids = sol[:, 0].astype(np.int64)
expected = sol[:, 1].astype(np.int8)
private = sol[:, 2] == 'Private'
t1 = time.perf_counter()
sub = np.loadtxt(d + '/submission.csv', delimiter=',', skiprows=1, dtype=np.float64, usecols=1)
sub_ids = np.loadtxt(d + '/submission.csv', delimiter=',', skiprows=1, dtype=np.int64, usecols=0)
order = np.empty(len(ids), dtype=np.float64)
order[sub_ids] = sub
pred = order[ids]
aucs = [roc_auc_score(expected[~private], pred[~private]), roc_auc_score(expected[private], pred[private])]
t2 = time.perf_counter()
print(f"rows={len(ids)} solution_read={t1 - t0:.3f}s submission_read+check+2aucs={t2 - t1:.3f}s aucs={aucs}")
