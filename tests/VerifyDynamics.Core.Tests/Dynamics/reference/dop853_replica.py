#!/usr/bin/python3
"""An independent replica of Hairer's DOP853 driver (dop853.f, subroutines DP86CO and HINIT; HNW I, II.10), written from
the Fortran, with scipy's copy of the Dormand-Prince 8(5,3) coefficients (scipy.integrate._ivp.dop853_coefficients), to
pin VerifyDynamics' OdeSolver step sequence: accepted step times, rejected count, function evaluations and the
accumulated/max local-error proxy, on three problems whose error estimates are not zero (OdeSolverControlTests covers the
zero-error ones). Writes dop853-steps.json next to this file; Dop853StepSequenceTests compares against it.

Settings as VerifyDynamics uses them: default dop853.f parameters (SAFE 0.9, FAC1 0.333, FAC2 6, BETA 0 so no Lund
stabilization, HMAX = T1 - T0, IORD 8 in HINIT), no dense output. Counting as OdeSolver documents it: every rejected
attempt counts (dop853.f counts only rejections after the first acceptance); evaluations = 1 at T0 + 1 in HINIT + 11 per
attempted step + 1 (stage 13, FSAL) per accepted step. The local-error proxy, OdeSolver's own documented quantity:
per accepted step max_i |h|·|e5_i|·sqrt(err5/deno), summed (AccumulatedLocalError) and maximized (MaxLocalError).

Usage: /usr/bin/python3 dop853_replica.py   (Debian's python3 with numpy, scipy)
"""
import json
import math
import os

import numpy as np

U = 2.0 ** -53
from scipy.integrate._ivp import dop853_coefficients as dc

A, B, C = dc.A, dc.B, dc.C
E3 = dc.E3[:12]   # b - bhh on stages 1..12 (the 13th entry is 0)
E5 = dc.E5[:12]
assert dc.E3[12] == 0 and dc.E5[12] == 0


def solve(f, t0, y0, t1, rtol, atol):
    n = len(y0)
    t, y = t0, np.array(y0, float)
    hmax = t1 - t0
    k1 = f(t, y)
    nfev = 1
    # HINIT (iord = 8)
    sk = atol + rtol * np.abs(y)
    dnf = float(np.sum((k1 / sk) ** 2))
    dny = float(np.sum((y / sk) ** 2))
    h = 1e-6 if (dnf <= 1e-10 or dny <= 1e-10) else math.sqrt(dny / dnf) * 0.01
    h = min(h, hmax)
    k2 = f(t + h, y + h * k1)
    nfev += 1
    der2 = math.sqrt(float(np.sum(((k2 - k1) / sk) ** 2))) / h
    der12 = max(abs(der2), math.sqrt(dnf))
    h1 = max(1e-6, abs(h) * 1e-3) if der12 <= 1e-15 else (0.01 / der12) ** (1.0 / 8.0)
    h = min(100 * abs(h), h1, hmax)

    times, accepted, rejected = [t0], 0, 0
    reject = False
    acc_local, max_local = 0.0, 0.0
    max_cond, drift, time_tol = 0.0, 0.0, 0.0
    last = False
    while True:
        if t + 1.01 * h - t1 > 0:
            h = t1 - t
            last = True
        K = np.zeros((13, n))
        K[0] = k1
        for s in range(1, 12):
            K[s] = f(t + C[s] * h, y + h * (A[s, :s] @ K[:s]))
        nfev += 11
        ynew = y + h * (B @ K[:12])
        e5 = E5 @ K[:12]
        e3 = E3 @ K[:12]
        sk = atol + rtol * np.maximum(np.abs(y), np.abs(ynew))
        err5 = float(np.sum((e5 / sk) ** 2))
        # Cancellation in the error estimate: err5's relative rounding is about
        # u * cond, cond = 2 sum_i |e5_i| (|E5| @ |K|)_i / sk_i^2 / err5 (each e5_i is a sum of terms of size (|E5| @ |K|)_i).
        cond = 2 * float(np.sum(np.abs(e5) * (np.abs(E5) @ np.abs(K[:12])) / sk ** 2)) / err5 if err5 > 0 else 0.0
        err3 = float(np.sum((e3 / sk) ** 2))
        deno = err5 + 0.01 * err3
        if deno <= 0:
            deno = 1.0
        err = abs(h) * err5 * math.sqrt(1.0 / (n * deno))
        fac11 = err ** 0.125
        fac = max(1 / 6.0, min(1 / 0.333, fac11 / 0.9))
        # Where the ratio is not clamped, h_new = h / fac moves by (1/8) of err's relative rounding: two correct
        # implementations may disagree by that much per step, compounding along the run.
        unclamped = 1 / 6.0 < fac11 / 0.9 < 1 / 0.333
        drift += (U * cond / 8) if unclamped else 0.0
        max_cond = max(max_cond, cond)
        hnew = h / fac
        if err <= 1:
            accepted += 1
            local = float(np.max(abs(h) * math.sqrt(err5 / deno) * np.abs(e5)))
            acc_local += local
            max_local = max(max_local, local)
            k1 = f(t + h, ynew)   # FSAL: stage 13 at (t + h, y_new)
            nfev += 1
            time_tol += abs(h) * drift
            t, y = (t1 if last else t + h), ynew
            times.append(t)
            if last:
                break
            hnew = min(hnew, hmax)
            if reject:
                hnew = min(hnew, h)
            reject = False
            h = hnew
        else:
            hnew = h / min(1 / 0.333, fac11 / 0.9)
            reject = True
            last = False
            rejected += 1
            h = hnew
    return {"times": times, "accepted": accepted, "rejected": rejected, "evaluations": nfev,
            "finalState": [float(v) for v in y], "accumulatedLocalError": acc_local, "maxLocalError": max_local,
            "maxErrorEstimateCancellation": max_cond,
            # 10x the predicted disagreement of step times (sum over steps of h_j * the compounded relative drift of h_j)
            # plus 1e-13 T1 of plain rounding of t: the tolerance Dop853StepSequenceTests uses for times.
            "timeTolerance": 10 * time_tol + 1e-13 * t1}


PROBLEMS = {
    # name: (f, t0, y0, t1, rtol, atol); each f is written the same way in Dop853StepSequenceTests.
    "forced-oscillator": (lambda t, y: np.array([y[1], -y[0] + 0.5 * math.sin(2 * t)]), 0.0, [1.0, 0.0], 10.0, 1e-6, 1e-9),
    "van-der-pol-mu2": (lambda t, y: np.array([y[1], 2.0 * (1 - y[0] * y[0]) * y[1] - y[0]]), 0.0, [2.0, 0.0], 6.0, 1e-8, 1e-10),
    "stiff-relaxation": (lambda t, y: np.array([-50.0 * (y[0] - math.cos(t))]), 0.0, [0.0], 3.0, 1e-4, 1e-6),
    # Five components: the solver's four-wide SIMD error-estimate path and its one-component tail both run.
    "chain-5": (lambda t, y: np.array([y[(i + 1) % 5] - 0.5 * y[i] + 0.1 * math.sin((i + 1) * t) for i in range(5)]),
                0.0, [1.0, 0.0, -1.0, 0.5, 0.25], 4.0, 1e-7, 1e-9),
    # f = 0: HINIT's first guess is the micro-step 1e-6 and its derivative estimate vanishes (der12 <= 1e-15).
    "zero-slope": (lambda t, y: np.array([0.0]), 0.0, [3.0], 1.0, 1e-6, 1e-9),
}

if __name__ == "__main__":
    out = {name: solve(*p) for name, p in PROBLEMS.items()}
    for name, r in out.items():
        print(f"{name}: {r['accepted']} accepted, {r['rejected']} rejected, {r['evaluations']} evaluations, "
              f"time tolerance {r['timeTolerance']:.3g}")
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dop853-steps.json")
    with open(path, "w") as fh:
        json.dump(out, fh, indent=1)
        fh.write("\n")
