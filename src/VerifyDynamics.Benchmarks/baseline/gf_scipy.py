#!/usr/bin/env python3
"""scipy reference for `vd simulate gf`: gradient flow W' = -grad L(W) with solve_ivp(method="DOP853").

Usage: python3 gf_scipy.py INSTANCE.json T RTOL ATOL [--save FINAL.json]
Prints final loss, function evaluations and the seconds of the integration; --save writes the final weights.
"""
import json
import sys
import time

import numpy as np
from scipy.integrate import solve_ivp

import dln


def main():
    path, t_end, rtol, atol = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
    _, dims, ws, phi = dln.load(path)

    def rhs(_, y):
        return -dln.pack(dln.gradient(dln.unpack(y, dims), phi))

    start = time.perf_counter()
    sol = solve_ivp(rhs, (0.0, t_end), dln.pack(ws), method="DOP853", rtol=rtol, atol=atol)
    elapsed = time.perf_counter() - start
    final = dln.unpack(sol.y[:, -1], dims)
    loss = 0.5 * np.sum((dln.prefixes(final)[-1] - phi) ** 2)
    if "--save" in sys.argv:
        dln.save(sys.argv[sys.argv.index("--save") + 1], dims, final)
    print(json.dumps({"status": sol.status, "loss": loss, "nfev": int(sol.nfev), "steps": len(sol.t) - 1, "seconds": elapsed}))


if __name__ == "__main__":
    main()
