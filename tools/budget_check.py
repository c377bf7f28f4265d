#!/usr/bin/env python3
"""Do the default budgets see a false constant? For every constant whose empirical edge `vd tighten --all` bracketed
(reports/slack.json), run `vd check ID --set NAME=<last good value moved 15 % the wrong way> --no-variants` at the default
seed and budget and print the exit code (1 = refuted, as it should be; 0 = the default budget does not see it).
Usage (after a Release build, from the repository root): python3 tools/budget_check.py"""
import json, subprocess, sys, time
vd = 'src/VerifyDynamics.Cli/bin/Release/net10.0/vd'
entries = json.load(open('reports/slack.json'))['entries']
seen = missed = 0
for e in entries:
    lg, bad = e.get('lastGoodValue'), e.get('firstBadValue')
    if lg is None or bad is None:
        continue
    step = 0.15 * abs(lg) if lg != 0 else 0.15
    v = lg + step if e['direction'] == 'up' else lg - step
    t = time.time()
    try:
        code = subprocess.run([vd, 'check', e['statement'], '--set', f"{e['constant']}={v:.12g}", '--no-variants', '--threads', '1'],
                              capture_output=True, text=True, timeout=300).returncode
    except subprocess.TimeoutExpired:
        code = 'timeout'
    seen += code == 1
    missed += code != 1
    print(f"{e['statement']:32} {e['constant']:22} {e['direction']:4} edge {lg:<12.6g} tried {v:<12.6g} exit {code} ({time.time() - t:.1f} s)", flush=True)
print(f"{seen} refuted, {missed} not refuted at the default budget")
sys.exit(0 if missed == 0 else 1)
