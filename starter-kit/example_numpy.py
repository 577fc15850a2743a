#!/usr/bin/env python3
"""A first submission with numpy alone: PCA reconstruction error as the anomaly score.

    python3 example_numpy.py --data DIR --out submission.csv

Reads DIR/train.npy (normal images only) and DIR/test.npy (uint8, N x H x W x C), fits principal components to
the training images, and scores each test image by how badly those components reconstruct it: an image unlike
the normal ones is reconstructed worse, so it scores higher. Writes one row per test image (Id = row of test.npy,
or the Ids of DIR/sample_submission.csv when it is there). It has no labels, so it cannot tell you its score:
check the file with holdout_kit.py and upload it to see the public score.
"""

import argparse
import csv
import os
import sys
import time

import numpy as np


def load(path):
    a = np.load(path, allow_pickle=False)
    if a.dtype != np.uint8 or a.ndim < 2:
        sys.exit("%s: expected uint8 images (N x H x W x C), found %s %s" % (path, a.dtype, a.shape))
    return a


def sample_ids(data_dir, count):
    """The Ids of sample_submission.csv in its order, when it lists one per test image; else 0..count-1."""
    path = os.path.join(data_dir, "sample_submission.csv")
    if os.path.isfile(path):
        with open(path, newline="", encoding="utf-8-sig") as f:
            rows = [r for r in csv.reader(f) if r]
        ids = [r[0] for r in rows[1:]]
        if len(ids) == count:
            return ids
    return [str(i) for i in range(count)]


def fit_pca(train, components, rng):
    """The mean image and up to `components` principal directions of (at most 5,000 of) the training images."""
    x = train.reshape(len(train), -1).astype(np.float32) / 255.0
    if len(x) > 5000:
        x = x[rng.choice(len(x), 5000, replace=False)]
    mean = x.mean(axis=0)
    _, s, vt = np.linalg.svd(x - mean, full_matrices=False)
    keep = min(components, int(np.sum(s > 1e-6 * max(float(s[0]), 1e-12))) if len(s) else 0)
    explained = float(np.sum(s[:keep] ** 2) / np.sum(s ** 2)) if keep and np.sum(s ** 2) > 0 else 0.0
    return mean, vt[:keep], explained


def reconstruction_error(images, mean, basis, batch=2000):
    scores = np.empty(len(images), dtype=np.float64)
    for start in range(0, len(images), batch):
        x = images[start:start + batch].reshape(-1, mean.size).astype(np.float32) / 255.0 - mean
        residual = x - (x @ basis.T) @ basis
        scores[start:start + batch] = np.mean(residual.astype(np.float64) ** 2, axis=1)
    return scores


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", required=True, help="the folder with train.npy and test.npy")
    p.add_argument("--out", default="submission.csv", help="the CSV to write (default submission.csv)")
    p.add_argument("--components", type=int, default=20, help="principal components to keep (default 20)")
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    started = time.time()
    train = load(os.path.join(args.data, "train.npy"))
    test = load(os.path.join(args.data, "test.npy"))
    if train.shape[1:] != test.shape[1:]:
        sys.exit("train.npy images are %s, test.npy images %s: they must match" % (train.shape[1:], test.shape[1:]))
    print("train.npy: %d normal images of %s" % (len(train), "x".join(map(str, train.shape[1:]))))
    print("test.npy:  %d images to score" % len(test))
    mean, basis, explained = fit_pca(train, args.components, np.random.default_rng(args.seed))
    print("PCA: %d components explain %.1f%% of the training images' variance" % (len(basis), 100 * explained))
    scores = reconstruction_error(test, mean, basis)
    ids = sample_ids(args.data, len(test))
    with open(args.out, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["Id", "Predicted"])
        out.writerows((i, repr(float(s))) for i, s in zip(ids, scores))
    print("wrote %s: %d rows, scores %.6g to %.6g (higher = more anomalous), in %.1f s"
          % (args.out, len(ids), scores.min(), scores.max(), time.time() - started))
    print("no labels here, so no score: check it with  python3 holdout_kit.py check %s --sample"
          " sample_submission.csv  and upload it to see its public score" % args.out)


if __name__ == "__main__":
    main()
