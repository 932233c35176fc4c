#!/usr/bin/env bash
# Side-by-side benchmark: scratchnet's `bench` command and the numpy peer (numpy_twolayer.py) with the same
# hyperparameters (784-50-10, batch 100, lr 0.1, 10,000 iterations, seed 0), then the ratios.
#
# usage: samples/bench/compare.sh [PEER] [ITERATIONS] [ROUNDS]
#   PEER        path to numpy_twolayer.py (default: ../shared/peers/numpy_twolayer.py next to the checkout)
#   ITERATIONS  training iterations for both (default: 10000)
#   ROUNDS      rounds, each running scratchnet and then the peer (default: 3). A shared 2-core machine varies
#               by 20% and more from minute to minute, so each ratio is taken within one round (the two sides
#               measured a minute apart), and the report gives the median round and the range.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
peer="${1:-$root/../shared/peers/numpy_twolayer.py}"
iterations="${2:-10000}"
rounds="${3:-3}"
data="$root/samples/src/main/resources/dev/scratchnet/samples/mnist"
app="$root/samples/target/scratchnet"
[ -f "$peer" ] || { echo "compare.sh: no numpy peer at $peer; pass its path as the first argument" >&2; exit 2; }
[[ "$iterations" =~ ^[1-9][0-9]*$ ]] || { echo "compare.sh: ITERATIONS must be a positive integer, got '$iterations'" >&2; exit 2; }
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "compare.sh: ROUNDS must be a positive integer, got '$rounds'" >&2; exit 2; }
[ -x "$app" ] || (cd "$root" && mvn -q -ntp -pl samples -am package -DskipTests)

out="$(mktemp -d)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)" >&2
# OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE, where this machine sets them, slow a current numpy: unset for the peer only.
peer_run() { env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 "$peer" "$@" --data "$data" 2>/dev/null; }
for round in $(seq 1 "$rounds"); do
    echo "round $round of $rounds: scratchnet bench ..." >&2
    # The launcher runs the vector kernels. Transparent huge pages: the 376 MB training set is read in random rows;
    # 2 MB pages spare the TLB.
    JAVA_OPTS=-XX:+UseTransparentHugePages "$app" bench --iterations "$iterations" --json 2>/dev/null \
        > "$out/java.$round.json"
    for act in relu sigmoid; do
        for monitor in none book; do
            echo "round $round of $rounds: numpy peer, $act, monitor $monitor ..." >&2
            peer_run backprop --act "$act" --monitor "$monitor" --iters "$iterations" > "$out/${act}_$monitor.$round.json"
        done
    done
done
echo "numpy peer: numerical gradient (first 2,000 parameters, extrapolated) ..." >&2
peer_run numgrad --act relu --params 2000 > "$out/numgrad.json"

python3 - "$out" "$rounds" <<'PY'
import json, os, statistics, sys
d, rounds = sys.argv[1], int(sys.argv[2])
load = lambda name: json.load(open(os.path.join(d, name)))
java = [load("java.%d.json" % r) for r in range(1, rounds + 1)]
peer = {k: [load("%s.%d.json" % (k, r)) for r in range(1, rounds + 1)]
        for k in ("relu_none", "relu_book", "sigmoid_none", "sigmoid_book")}
numgrad = load("numgrad.json")
rows = [
    ("backprop, relu, SGD only (s)", "backprop_seconds", "relu_none"),
    ("backprop, relu, book loop (s)", "backprop_book_loop_seconds", "relu_book"),
    ("backprop, sigmoid, SGD only (s)", "backprop_seconds_sigmoid", "sigmoid_none"),
    ("backprop, sigmoid, book loop (s)", "backprop_book_loop_seconds_sigmoid", "sigmoid_book"),
]
span = lambda xs: "%.2f (%.2f-%.2f)" % (statistics.median(xs), min(xs), max(xs))
print("%d round(s); each figure: median (min-max) over the rounds; each ratio is taken within one round" % rounds)
print("%-34s %20s %20s %22s" % ("", "scratchnet", "numpy peer", "ratio, same round"))
for name, key, run in rows:
    ours = [j[key] for j in java]
    theirs = [p["seconds"] for p in peer[run]]
    ratios = [o / t for o, t in zip(ours, theirs)]
    ratio = "%.2fx (%.2f-%.2f)" % (statistics.median(ratios), min(ratios), max(ratios))
    print("%-34s %20s %20s %22s" % (name, span(ours), span(theirs), ratio))
    print("%-34s %s" % ("", "rounds: " + ", ".join("%.2f/%.2f = %.2fx" % (o, t, o / t) for o, t in zip(ours, theirs))))
numerical = [j["numerical_gradient_seconds"] for j in java]
print("%-34s %20s %20.2f %22s" % ("numerical gradient, batch 100 (s)", "%.4f (%.4f-%.4f)" % (
    statistics.median(numerical), min(numerical), max(numerical)), numgrad["extrapolated_full_seconds"],
    "1/%.0f" % (numgrad["extrapolated_full_seconds"] / statistics.median(numerical))))
for act, key in (("relu", "test_accuracy"), ("sigmoid", "test_accuracy_sigmoid")):
    ours, theirs = java[0][key], peer[act + "_none"][0]["test_acc"]
    print("%-34s %20.4f %20.4f %+22.4f" % ("test accuracy, " + act, ours, theirs, ours - theirs))
inference = [j["inference_images_per_second"] for j in java]
gflops = [j["gflops"] for j in java]
peak = [j["peak_gflops"] for j in java]
print("inference: %.0f images/s (median); training loop %.1f GFLOP/s (median) of a measured %.1f GFLOP/s peak; kernels: %s"
      % (statistics.median(inference), statistics.median(gflops), statistics.median(peak), java[0]["kernels"]))
PY
echo "raw JSON in $out" >&2
