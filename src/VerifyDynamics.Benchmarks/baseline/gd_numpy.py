#!/usr/bin/env python3
"""Plain numpy reference for `vd eval --gd K`: the same GD loop (ACGH19 Eq. 4) on the same instance file.

Usage: python3 gd_numpy.py INSTANCE.json K   -> prints loss and balancedness after K steps, and the seconds taken.
Also: python3 gd_numpy.py --make INSTANCE.json  -> writes the benchmark instance (dims [16,32,32,32,8], seed 7).
"""
import json
import sys
import time

import numpy as np


def make(path):
    rng = np.random.default_rng(7)
    dims = [16, 32, 32, 32, 8]
    weights = [rng.normal(0, 1 / np.sqrt(dims[j]), (dims[j + 1], dims[j])) for j in range(len(dims) - 1)]
    target = rng.normal(0, 1, (dims[-1], dims[0]))
    with open(path, "w") as f:
        json.dump({"family": "benchmark", "dims": dims, "weights": [w.tolist() for w in weights],
                   "target": target.tolist(), "eta": 1e-3}, f)


def run(path, steps):
    inst = json.load(open(path))
    ws = [np.array(w, dtype=float) for w in inst["weights"]]
    phi = np.array(inst["target"], dtype=float)
    eta = inst["eta"]
    n = len(ws)
    start = time.perf_counter()
    for _ in range(steps):
        prefix = [np.eye(ws[0].shape[1])]
        for w in ws:
            prefix.append(w @ prefix[-1])
        g = prefix[-1] - phi
        suffix = [None] * (n + 1)
        suffix[n] = np.eye(ws[-1].shape[0])
        for j in range(n - 1, -1, -1):
            suffix[j] = suffix[j + 1] @ ws[j]
        grads = [suffix[j + 1].T @ g @ prefix[j].T for j in range(n)]
        ws = [w - eta * d for w, d in zip(ws, grads)]
    elapsed = time.perf_counter() - start
    e2e = ws[0]
    for w in ws[1:]:
        e2e = w @ e2e
    loss = 0.5 * np.sum((e2e - phi) ** 2)
    imb = max(np.linalg.norm(ws[j + 1].T @ ws[j + 1] - ws[j] @ ws[j].T) for j in range(n - 1))
    print(json.dumps({"loss": loss, "balancedness": imb, "steps": steps, "seconds": elapsed}))


if __name__ == "__main__":
    if sys.argv[1] == "--make":
        make(sys.argv[2])
    else:
        run(sys.argv[1], int(sys.argv[2]))
