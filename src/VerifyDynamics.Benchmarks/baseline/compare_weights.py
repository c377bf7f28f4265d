#!/usr/bin/env python3
"""Relative Frobenius distance between the weights of two instance files: ||A - B||_F / ||B||_F over all layers."""
import json
import math
import sys

a, b = (json.load(open(p))["weights"] for p in sys.argv[1:3])
num = sum((x - y) ** 2 for la, lb in zip(a, b) for ra, rb in zip(la, lb) for x, y in zip(ra, rb))
den = sum(y ** 2 for lb in b for rb in lb for y in rb)
print(f"{math.sqrt(num / den):.3e}")
