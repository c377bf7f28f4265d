"""Shared numpy pieces of the baselines: instance I/O and the deep-linear-network gradient and exact HVP.

Loss L(W_1..W_N) = 1/2 ||W_N ... W_1 - Phi||_F^2 (ACGH19 Eq. 4), weights W_j of shape (d_j, d_{j-1}), flattened
row-major layer after layer (the baselines' own layout; comparisons with vd go through the weight matrices).
"""
import json

import numpy as np


def load(path):
    inst = json.load(open(path))
    dims = inst["dims"]
    ws = [np.array(w, dtype=float) for w in inst["weights"]]
    phi = np.array(inst["target"], dtype=float)
    return inst, dims, ws, phi


def shapes(dims):
    return [(dims[j + 1], dims[j]) for j in range(len(dims) - 1)]


def pack(ws):
    return np.concatenate([w.ravel() for w in ws])


def unpack(theta, dims):
    out, k = [], 0
    for (r, c) in shapes(dims):
        out.append(theta[k:k + r * c].reshape(r, c))
        k += r * c
    return out


def prefixes(ws):
    """P_0 = I, P_j = W_j P_{j-1}."""
    p = [np.eye(ws[0].shape[1])]
    for w in ws:
        p.append(w @ p[-1])
    return p


def gradient(ws, phi):
    """dL/dW_j = B_j P_{j-1}^T with B_N = G = P_N - Phi, B_{j-1} = W_j^T B_j."""
    p = prefixes(ws)
    b = p[-1] - phi
    grads = [None] * len(ws)
    for j in range(len(ws) - 1, -1, -1):
        grads[j] = b @ p[j].T
        b = ws[j].T @ b
    return grads


def hvp_operator(ws, phi):
    """v -> Hessian(theta) v, exact (forward over reverse), with the passes at theta done once."""
    n = len(ws)
    p = prefixes(ws)
    bs = [None] * (n + 1)
    bs[n] = p[-1] - phi
    for j in range(n, 0, -1):
        bs[j - 1] = ws[j - 1].T @ bs[j]
    dims = [ws[0].shape[1]] + [w.shape[0] for w in ws]

    def apply(v):
        vs = unpack(v, dims)
        pd = [np.zeros_like(p[0])]
        for j in range(n):
            pd.append(vs[j] @ p[j] + ws[j] @ pd[j])
        bd = pd[-1]  # Hessian of 1/2||W - Phi||^2 applied to the end-to-end tangent
        out = [None] * n
        for j in range(n, 0, -1):
            out[j - 1] = bd @ p[j - 1].T + bs[j] @ pd[j - 1].T
            bd = ws[j - 1].T @ bd + vs[j - 1].T @ bs[j]
        return pack(out)

    return apply


def save(path, dims, ws):
    with open(path, "w") as f:
        json.dump({"dims": dims, "weights": [w.tolist() for w in ws]}, f)
