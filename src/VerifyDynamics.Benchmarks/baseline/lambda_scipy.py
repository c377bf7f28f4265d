#!/usr/bin/env python3
"""scipy reference for `vd eval --lambda-min`: the smallest Hessian eigenvalue of L at the instance by
scipy.sparse.linalg.eigsh (ARPACK Lanczos, which="SA") on exact Hessian-vector products.

Usage: python3 lambda_scipy.py INSTANCE.json   -> prints lambda_min, the HVP count and the seconds of eigsh.
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


def run(path):
    _, dims, ws, phi = dln.load(path)
    d = sum(r * c for r, c in dln.shapes(dims))
    apply = dln.hvp_operator(ws, phi)
    count = [0]

    def matvec(v):
        count[0] += 1
        return apply(np.ravel(v))

    start = time.perf_counter()
    value = eigsh(LinearOperator((d, d), matvec=matvec, dtype=float), k=1, which="SA", tol=1e-10, return_eigenvectors=False)[0]
    elapsed = time.perf_counter() - start
    print(json.dumps({"lambdaMin": float(value), "dimension": d, "hvps": count[0], "seconds": elapsed}))


if __name__ == "__main__":
    if sys.argv[1] == "--make":
        make(sys.argv[2])
    else:
        run(sys.argv[1])
