#!/usr/bin/env bash
# Side-by-side benchmark: scratchnet's `bench` command and the numpy peer (numpy_twolayer.py) with the same
# hyperparameters (784-50-10, batch 100, lr 0.1, 10,000 iterations, seed 0), then the ratios.
#
# usage: samples/bench/compare.sh [PEER] [ITERATIONS]
#   PEER        path to numpy_twolayer.py (default: ../shared/peers/numpy_twolayer.py next to the checkout)
#   ITERATIONS  training iterations for both (default: 10000)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
peer="${1:-$root/../shared/peers/numpy_twolayer.py}"
iterations="${2:-10000}"
data="$root/samples/src/main/resources/dev/scratchnet/samples/mnist"
jar="$root/samples/target/scratchnet.jar"
[ -f "$peer" ] || { echo "compare.sh: no numpy peer at $peer; pass its path as the first argument" >&2; exit 2; }
[ -f "$jar" ] || (cd "$root" && mvn -q -ntp -pl samples -am package -DskipTests)

out="$(mktemp -d)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)" >&2
echo "scratchnet bench ..." >&2
# Transparent huge pages: the 376 MB training set is read in random rows; 2 MB pages spare the TLB (~15% here).
java --add-modules jdk.incubator.vector -XX:+UseTransparentHugePages -jar "$jar" bench --iterations "$iterations" --json > "$out/java.json"
# OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE, where this machine sets them, slow a current numpy: unset for the peer only.
peer_run() { env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 "$peer" "$@" --data "$data" 2>/dev/null; }
echo "numpy peer: relu SGD only ..." >&2
peer_run backprop --act relu --monitor none --iters "$iterations" > "$out/relu_none.json"
echo "numpy peer: relu book loop ..." >&2
peer_run backprop --act relu --monitor book --iters "$iterations" > "$out/relu_book.json"
echo "numpy peer: sigmoid SGD only ..." >&2
peer_run backprop --act sigmoid --monitor none --iters "$iterations" > "$out/sigmoid_none.json"
echo "numpy peer: sigmoid book loop ..." >&2
peer_run backprop --act sigmoid --monitor book --iters "$iterations" > "$out/sigmoid_book.json"
echo "numpy peer: numerical gradient (first 2,000 parameters, extrapolated) ..." >&2
peer_run numgrad --act relu --params 2000 > "$out/numgrad.json"

python3 - "$out" <<'PY'
import json, sys, os
d = sys.argv[1]
j = json.load(open(os.path.join(d, "java.json")))
p = {k: json.load(open(os.path.join(d, k + ".json"))) for k in ("relu_none", "relu_book", "sigmoid_none", "sigmoid_book", "numgrad")}
rows = [
    ("backprop, relu, SGD only (s)", j["backprop_seconds"], p["relu_none"]["seconds"]),
    ("backprop, relu, book loop (s)", j.get("backprop_book_loop_seconds"), p["relu_book"]["seconds"]),
    ("backprop, sigmoid, SGD only (s)", j["backprop_seconds_sigmoid"], p["sigmoid_none"]["seconds"]),
    ("backprop, sigmoid, book loop (s)", j.get("backprop_book_loop_seconds_sigmoid"), p["sigmoid_book"]["seconds"]),
    ("numerical gradient, batch 100 (s)", j["numerical_gradient_seconds"], p["numgrad"]["extrapolated_full_seconds"]),
]
print("%-36s %12s %12s %10s" % ("", "scratchnet", "numpy peer", "ratio"))
for name, ours, theirs in rows:
    if ours is None:
        continue
    print("%-36s %12.3f %12.3f %9.3fx" % (name, ours, theirs, ours / theirs))
print("%-36s %12.4f %12.4f %+10.4f" % ("test accuracy, relu", j["test_accuracy"], p["relu_none"]["test_acc"], j["test_accuracy"] - p["relu_none"]["test_acc"]))
print("%-36s %12.4f %12.4f %+10.4f" % ("test accuracy, sigmoid", j["test_accuracy_sigmoid"], p["sigmoid_none"]["test_acc"], j["test_accuracy_sigmoid"] - p["sigmoid_none"]["test_acc"]))
print("numerical gradient speed-up over the peer: %.0fx" % (p["numgrad"]["extrapolated_full_seconds"] / j["numerical_gradient_seconds"]))
print("inference: %.0f images/s; training loop %.2f GFLOP/s of a measured %.2f GFLOP/s peak; kernels: %s"
      % (j["inference_images_per_second"], j["gflops"], j["peak_gflops"], j["kernels"]))
PY
echo "raw JSON in $out" >&2
