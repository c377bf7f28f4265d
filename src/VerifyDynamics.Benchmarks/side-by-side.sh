#!/usr/bin/env bash
# vd against its numpy/scipy baselines, side by side: each pair runs alternately ROUNDS times (vd, baseline, vd, …) and
# the median whole-process CPU time (user + sys, from wait4's rusage, microseconds) of each side is compared. The baselines run
# single-threaded (OPENBLAS_NUM_THREADS=1) with OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset so OpenBLAS picks its own kernel.
#
#   src/VerifyDynamics.Benchmarks/side-by-side.sh [gd] [gf] [lambda] [lambda-batch] [fig1]   (default: gd gf lambda; ROUNDS=3, GF_ROUNDS=2)
#
# lambda-batch is NOT the issue's single-instance benchmark: both sides evaluate λ_min BATCH times (default 20) in one
# process (vd eval --repeat, lambda_scipy.py --repeat), so process start-up is paid once; it is reported on its own line.
#
# NATIVE=1 runs the native (ahead-of-time compiled) vd instead of the JIT build: bin/native/vd, published first by
# publish-native.sh when it is missing or older than the last commit (the issue's single-instance λ_min target is met only
# this way: a JIT start-up alone costs about half of scipy's whole run). VD=PATH runs any other vd.
#
# Needs a Release build (dotnet build VerifyDynamics.sln -c Release) and Debian's python3-numpy, python3-scipy.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bench="$root/src/VerifyDynamics.Benchmarks"
if [ "${NATIVE:-0}" = 1 ] && [ -z "${VD:-}" ]; then
    VD=$bench/bin/native/vd
    if [ ! -x "$VD" ] || [ "$(git -C "$root" log -1 --format=%ct)" -gt "$(stat -c %Y "$VD")" ] || [ -n "$(git -C "$root" status --porcelain -- src)" ]; then
        "$bench/publish-native.sh" > /dev/null
    fi
    echo "native vd: $VD"
fi
vd=${VD:-$root/src/VerifyDynamics.Cli/bin/Release/net10.0/vd}
py=/usr/bin/python3
rounds=${ROUNDS:-3}
gf_rounds=${GF_ROUNDS:-2}
batch=${BATCH:-20}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -x "$vd" ] || { echo "no vd at $vd: dotnet build VerifyDynamics.sln -c Release" >&2; exit 2; }

# cpu LABEL CMD…: runs CMD, appends its user+sys seconds to $tmp/LABEL, keeps its stdout in $tmp/LABEL.out. The times come
# from wait4's rusage in microseconds (baseline/cputime.py), not /usr/bin/time's hundredths: at 10 ms resolution a 0.045 s
# λ_min run reads 0.04 or 0.05, and that step alone moved the λ_min ratio between 0.18 and 0.23 in earlier sessions.
cpu() {
    local label=$1; shift
    "$py" "$bench/baseline/cputime.py" "$tmp/$label.out" "$tmp/$label.time" "$@"
    awk '{ printf "%.6f\n", $1 + $2 }' "$tmp/$label.time" >> "$tmp/$label"
}
baseline=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 "$py")
median() { sort -g "$1" | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
report() {
    local name=$1 target=$2 v b
    v=$(median "$tmp/$name-vd"); b=$(median "$tmp/$name-base")
    awk -v n="$name" -v v="$v" -v b="$b" -v t="$target" -v vs="$(tr '\n' ' ' < "$tmp/$name-vd")" -v bs="$(tr '\n' ' ' < "$tmp/$name-base")" \
        'BEGIN { printf "%-7s vd %.4f s   baseline %.4f s   vd/baseline %.3f   (target ≤ %s: %s)   [vd: %s| baseline: %s]\n", n, v, b, v / b, t, (v / b <= t + 0) ? "met" : "NOT met", vs, bs }'
}

inst="$bench/dln-16-32-32-32-8.json"
for what in "${@:-gd gf lambda}"; do for w in $what; do case $w in
gd)
    for _ in $(seq "$rounds"); do
        cpu gd-vd "$vd" eval --instance "$inst" --gd 20000 --json
        cpu gd-base "${baseline[@]}" "$bench/baseline/gd_numpy.py" "$inst" 20000
    done
    report gd 0.5
    "$py" -c 'import json,sys; a=json.load(open(sys.argv[1]))["afterGradientDescent"]; b=json.load(open(sys.argv[2])); print("        final balancedness vd %r numpy %r; loss vd %.3e numpy %.3e" % (a["balancedness"], b["balancedness"], a["loss"], b["loss"]))' "$tmp/gd-vd.out" "$tmp/gd-base.out"
    ;;
gf)
    for _ in $(seq "$gf_rounds"); do
        cpu gf-vd "$vd" simulate gf --instance "$inst" --t 5000 --rtol 1e-12 --json --save "$tmp/gf-vd.json"
        cpu gf-base "${baseline[@]}" "$bench/baseline/gf_scipy.py" "$inst" 5000 1e-12 1e-14 --save "$tmp/gf-base.json"
    done
    report gf 0.333
    echo "        final weights, relative Frobenius distance vd vs scipy: $("$py" "$bench/baseline/compare_weights.py" "$tmp/gf-vd.json" "$tmp/gf-base.json") (target ≤ 1e-8); scipy: $(cat "$tmp/gf-base.out")"
    ;;
lambda)
    big="$bench/dln-16-52-52-16.json"
    for _ in $(seq "$rounds"); do
        cpu lambda-vd "$vd" eval --instance "$big" --lambda-min --json
        cpu lambda-base "${baseline[@]}" "$bench/baseline/lambda_scipy.py" "$big"
    done
    report lambda 0.2
    "$py" -c 'import json,sys; a=json.load(open(sys.argv[1]))["hessian"]["lambdaMin"]; b=json.load(open(sys.argv[2])); print("        lambda_min vd %r scipy %r: relative difference %.1e (target <= 1e-8); eigsh alone %.3f s for %d HVPs" % (a, b["lambdaMin"], abs(a - b["lambdaMin"]) / abs(b["lambdaMin"]), b["seconds"], b["hvps"]))' "$tmp/lambda-vd.out" "$tmp/lambda-base.out"
    ;;
lambda-batch)
    big="$bench/dln-16-52-52-16.json"
    for _ in $(seq "$rounds"); do
        cpu lambda-batch-vd "$vd" eval --instance "$big" --lambda-min --json --repeat "$batch"
        cpu lambda-batch-base "${baseline[@]}" "$bench/baseline/lambda_scipy.py" "$big" --repeat "$batch"
    done
    echo "        BATCH VARIANT (not the single-instance target): $batch evaluations of λ_min in one process on each side"
    report lambda-batch 0.2
    "$py" -c 'import json,sys; a=json.load(open(sys.argv[1]))["hessian"]["lambdaMin"]; b=json.load(open(sys.argv[2])); print("        lambda_min vd %r scipy %r: relative difference %.1e (target <= 1e-8); eigsh alone %.3f s for %d HVPs over %d evaluations" % (a, b["lambdaMin"], abs(a - b["lambdaMin"]) / abs(b["lambdaMin"]), b["seconds"], b["hvps"], b["repeat"]))' "$tmp/lambda-batch-vd.out" "$tmp/lambda-batch-base.out"
    ;;
fig1)
    # Not an issue target: the cost of EC21 Fig. 1's protocol (38·K full-batch 784-50-50-10 gradients on 1,000 Fashion-MNIST
    # images, losses and distances at the stamps) in vd's HomogeneousKernel against numpy's BLAS products. FIG1_K (20) sets K.
    fig1_k=${FIG1_K:-20}
    for _ in $(seq "$rounds"); do
        cpu fig1-vd "$vd" experiment ec21-fig1 --iterations "$fig1_k" --activations linear --gf none --out "$tmp/fig1"
        cpu fig1-base "${baseline[@]}" "$bench/baseline/fig1_numpy.py" "$fig1_k" linear
    done
    report fig1 1
    grep '^linear' "$tmp/fig1-base.out" | sed 's/^/        numpy: /'
    ;;
*) echo "unknown benchmark '$w' (gd, gf, lambda, lambda-batch, fig1)" >&2; exit 2 ;;
esac; done; done
