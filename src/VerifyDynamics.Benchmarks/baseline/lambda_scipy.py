#!/usr/bin/env python3
"""scipy reference for `vd eval --lambda-min`: the smallest Hessian eigenvalue of L at the instance by
scipy.sparse.linalg.eigsh (ARPACK Lanczos, which="SA") on exact Hessian-vector products.

Usage: python3 lambda_scipy.py INSTANCE.json [--repeat K]  -> prints lambda_min, the HVP count and the seconds of eigsh
       (--repeat K: the batch variant, K evaluations in this one process, each loading the file again; every result must
       agree, the last is printed, with the HVP count and seconds summed over the K).
Also: python3 lambda_scipy.py --make INSTANCE.json -> writes the benchmark instance (dims [16,52,52,16], seed 11).
"""
import json
import sys
import time

import numpy as np
from scipy.sparse.linalg import LinearOperator, eigsh

import dln


def make(path):
    rng = np.random.default_rng(11)
    dims = [16, 52, 52, 16]
    weights = [rng.normal(0, 1 / np.sqrt(dims[j]), (dims[j + 1], dims[j])) for j in range(len(dims) - 1)]
    target = rng.normal(0, 1, (dims[-1], dims[0]))
    with open(path, "w") as f:
        json.dump({"family": "benchmark", "dims": dims, "weights": [w.tolist() for w in weights], "target": target.tolist()}, f)


def once(path, count):
    _, dims, ws, phi = dln.load(path)
    d = sum(r * c for r, c in dln.shapes(dims))
    apply = dln.hvp_operator(ws, phi)

    def matvec(v):
        count[0] += 1
        return apply(np.ravel(v))

    return d, float(eigsh(LinearOperator((d, d), matvec=matvec, dtype=float), k=1, which="SA", tol=1e-10, return_eigenvectors=False)[0])


def run(path, repeat):
    count = [0]
    start = time.perf_counter()
    values = [once(path, count) for _ in range(repeat)]
    elapsed = time.perf_counter() - start
    d, value = values[-1]
    spread = max(abs(v - value) for _, v in values) / abs(value)
    if spread > 1e-8:
        sys.exit("lambda_scipy: the %d evaluations disagree (relative spread %.1e)" % (repeat, spread))
    print(json.dumps({"lambdaMin": value, "dimension": d, "hvps": count[0], "seconds": elapsed, "repeat": repeat}))


if __name__ == "__main__":
    if sys.argv[1] == "--make":
        make(sys.argv[2])
    else:
        run(sys.argv[1], int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[2] == "--repeat" else 1)
