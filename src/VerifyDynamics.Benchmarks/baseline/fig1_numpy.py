#!/usr/bin/env python3
"""Plain numpy reference for the work of `vd experiment ec21-fig1 --iterations K --activations A --gf none`.

The same protocol at the same sizes: Fashion-MNIST from Debian's dataset-fashion-mnist (IDX, gzip), pixels/255
standardized by the whole set's mean and std, 1,000 images, 784-50-50-10 without biases, softmax cross-entropy, Xavier
uniform, full-batch GD with eta0/r for r in (1, 2, 5, 10, 20) over r*K steps, the loss and the distances at the 101
stamps. Its subset and initialization come from numpy's generator, not vd's, so the numbers are not vd's: this script
measures the cost of the same work (a timing baseline), it is not a replay.

Usage: python3 fig1_numpy.py K [linear|relu]   -> prints the final losses and the seconds taken.
"""
import gzip
import sys
import time

import numpy as np

DATA = "/usr/share/datasets/fashion-mnist"


def idx(path):
    with gzip.open(path) as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def main(k, activation):
    start = time.perf_counter()
    images = idx(f"{DATA}/train-images-idx3-ubyte.gz").reshape(60000, -1) / 255.0
    labels = idx(f"{DATA}/train-labels-idx1-ubyte.gz")
    mean, std = images.mean(), images.std()
    rng = np.random.default_rng(20190101)
    subset = np.sort(rng.choice(len(images), 1000, replace=False))
    x = (images[subset] - mean) / std          # m x 784 (samples as rows)
    y = np.eye(10)[labels[subset]]             # m x 10
    m = len(subset)
    dims = [784, 50, 50, 10]
    w0 = [rng.uniform(-np.sqrt(6 / (dims[j] + dims[j + 1])), np.sqrt(6 / (dims[j] + dims[j + 1])), (dims[j + 1], dims[j]))
          for j in range(3)]
    relu = activation == "relu"

    def forward(ws):
        a, zs, acts = x, [], [x]
        for j, w in enumerate(ws):
            z = a @ w.T
            zs.append(z)
            a = np.maximum(z, 0) if relu and j < len(ws) - 1 else z
            acts.append(a)
        return zs, acts

    def loss_and_grad(ws, want_grad=True):
        zs, acts = forward(ws)
        out = zs[-1]
        shift = out - out.max(axis=1, keepdims=True)
        logsum = np.log(np.exp(shift).sum(axis=1, keepdims=True))
        loss = float(np.mean(np.sum(y * (logsum - shift), axis=1)))
        if not want_grad:
            return loss, None
        delta = (np.exp(shift - logsum) - y) / m
        grads = [None] * len(ws)
        for j in range(len(ws) - 1, -1, -1):
            grads[j] = delta.T @ acts[j]
            if j > 0:
                delta = delta @ ws[j]
                if relu:
                    delta = delta * (zs[j - 1] > 0)
        return loss, grads

    every = max(1, k // 100)
    stamps = list(range(0, k + 1, every))
    states = {}
    for r in (1, 2, 5, 10, 20):
        ws = [w.copy() for w in w0]
        recorded = [np.concatenate([w.ravel() for w in ws])]
        for step in range(1, r * stamps[-1] + 1):
            _, g = loss_and_grad(ws)
            ws = [w - (0.001 / r) * gw for w, gw in zip(ws, g)]
            if step % (r * every) == 0:
                recorded.append(np.concatenate([w.ravel() for w in ws]))
        states[r] = recorded
    shapes = [w.shape for w in w0]

    def unflatten(theta):
        out, off = [], 0
        for s in shapes:
            out.append(theta[off:off + s[0] * s[1]].reshape(s))
            off += s[0] * s[1]
        return out

    finals = {}
    for r in (1, 2, 5, 10, 20):
        losses = [loss_and_grad(unflatten(t), want_grad=False)[0] for t in states[r]]
        finals[r] = losses[-1]
    dists = [max(np.linalg.norm(a - b) for a, b in zip(states[1], states[r])) for r in (2, 5, 10, 20)]
    print(f"{activation}: K = {k}, final losses " + ", ".join(f"r={r}: {v:.6g}" for r, v in finals.items())
          + f"; max D_r " + ", ".join(f"{d:.3g}" for d in dists) + f"; {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "linear")
