#!/usr/bin/env bash
# Side-by-side benchmark: scratchnet's `bench` command and a numpy peer with the same network and hyperparameters
# (batch 100, lr 0.1, seed 0), in rounds, then the ratios taken within each round.
#
# usage: samples/bench/compare.sh [--peer FILE] [--jar FILE] [--iterations N] [--rounds R]
#                                 [--hidden UNITS] [--activation FUNCTIONS] [--network generated|dsl] [--skip-book-loop]
#        samples/bench/compare.sh [PEER] [ITERATIONS] [ROUNDS]            (the older positional form)
#   --peer        numpy_twolayer.py (default: ../shared/peers/numpy_twolayer.py next to the checkout); a network of
#                 more than one hidden layer, or with tanh, is compared with bench/numpy_deep.py beside this script
#   --iterations  training iterations for both (default: 10000)
#   --rounds      rounds, each running scratchnet and then the peer (default: 3). A shared 2-core machine varies by
#                 20% and more from minute to minute, so each ratio is taken within one round (the two sides measured
#                 a minute apart), and the report gives the median round and the range.
#   --jar         time this build's jar (java --add-modules jdk.incubator.vector -jar FILE) instead of the launcher
#                 samples/target/scratchnet, e.g. to compare a build before a change with one after it
#   --hidden, --activation, --network: the network, as `bench` takes them (default: the book's 784-50-10, ReLU and
#                 sigmoid, generated and DSL, each DSL network also against its generated twin)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
peer="$root/../shared/peers/numpy_twolayer.py"
deep="$root/samples/bench/numpy_deep.py"
iterations=10000
rounds=3
shape=()
hidden=""
activation=""
book=1
jar=""
positional=0
while [ $# -gt 0 ]; do
    case "$1" in
        --peer) peer="$2"; shift 2 ;;
        --jar) jar="$2"; shift 2 ;;
        --iterations) iterations="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        --hidden) hidden="$2"; shape+=(--hidden "$2"); shift 2 ;;
        --activation) activation="$2"; shape+=(--activation "$2"); shift 2 ;;
        --network) shape+=(--network "$2"); shift 2 ;;
        --skip-book-loop) book=0; shift ;;
        --*) echo "compare.sh: unknown flag $1; see the usage at the top of the script" >&2; exit 2 ;;
        *)
            case $positional in
                0) peer="$1" ;;
                1) iterations="$1" ;;
                2) rounds="$1" ;;
                *) echo "compare.sh: too many arguments: $1" >&2; exit 2 ;;
            esac
            positional=$((positional + 1)); shift ;;
    esac
done
data="$root/samples/src/main/resources/dev/scratchnet/samples/mnist"
app="$root/samples/target/scratchnet"
[ -f "$peer" ] || { echo "compare.sh: no numpy peer at $peer; pass its path with --peer" >&2; exit 2; }
[[ "$iterations" =~ ^[1-9][0-9]*$ ]] || { echo "compare.sh: --iterations must be a positive integer, got '$iterations'" >&2; exit 2; }
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "compare.sh: --rounds must be a positive integer, got '$rounds'" >&2; exit 2; }
if [ -n "$jar" ]; then
    [ -f "$jar" ] || { echo "compare.sh: no jar at $jar" >&2; exit 2; }
else
    [ -x "$app" ] || (cd "$root" && mvn -q -ntp -pl samples -am package -DskipTests)
fi

# The peer and its networks: the book's suite, or the one shape given (numpy_deep.py for depth or tanh).
if [ ${#shape[@]} -eq 0 ]; then
    runs="relu sigmoid"
    peer_for() { echo "$peer"; }
    peer_args() { echo "--act $1"; }
else
    acts="${activation:-relu}"
    runs="shape"
    if [[ "${hidden:-50}" == *,* || "$acts" == *tanh* ]]; then
        peer_for() { echo "$deep"; }
        peer_args() { echo "--hidden ${hidden:-50} --act $acts"; }
    else
        peer_for() { echo "$peer"; }
        peer_args() { echo "--hidden ${hidden:-50} --act $acts"; }
    fi
fi
monitors="none"
[ "$book" = 1 ] && monitors="none book"
bench_flags=("${shape[@]}")
[ "$book" = 1 ] || bench_flags+=(--skip-book-loop)

out="$(mktemp -d)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)" >&2
# OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE, where this machine sets them, slow a current numpy: unset for the peer only.
peer_run() { local script="$1"; shift; env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 "$script" "$@" --data "$data" 2>/dev/null; }
for round in $(seq 1 "$rounds"); do
    echo "round $round of $rounds: scratchnet bench ${bench_flags[*]} ..." >&2
    # The launcher runs the vector kernels (as --jar's java command does). Transparent huge pages: the 376 MB training
    # set is read in random rows; 2 MB pages spare the TLB.
    if [ -n "$jar" ]; then
        java --add-modules jdk.incubator.vector -XX:+UseTransparentHugePages -jar "$jar" bench --iterations "$iterations" \
            "${bench_flags[@]}" --json 2>/dev/null > "$out/java.$round.json"
    else
        JAVA_OPTS=-XX:+UseTransparentHugePages "$app" bench --iterations "$iterations" "${bench_flags[@]}" --json \
            2>/dev/null > "$out/java.$round.json"
    fi
    for run in $runs; do
        for monitor in $monitors; do
            echo "round $round of $rounds: numpy peer, $run, monitor $monitor ..." >&2
            # shellcheck disable=SC2046
            peer_run "$(peer_for "$run")" backprop $(peer_args "$run") --monitor "$monitor" --iters "$iterations" \
                > "$out/${run}_$monitor.$round.json"
        done
    done
done
echo "numpy peer: numerical gradient (first 2,000 parameters, extrapolated) ..." >&2
first="${runs%% *}"
# shellcheck disable=SC2046
peer_run "$(peer_for "$first")" numgrad $(peer_args "$first") --params 2000 > "$out/numgrad.json"

python3 - "$out" "$rounds" "$runs" "$book" <<'PY'
import json, os, statistics, sys
d, rounds, runs, book = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(), sys.argv[4] == "1"
load = lambda name: json.load(open(os.path.join(d, name)))
java = [load("java.%d.json" % r) for r in range(1, rounds + 1)]
monitors = ["none", "book"] if book else ["none"]
peer = {"%s_%s" % (run, m): [load("%s_%s.%d.json" % (run, m, r)) for r in range(1, rounds + 1)]
        for run in runs for m in monitors}
numgrad = load("numgrad.json")
# (label, scratchnet's key, peer run): the suite's four generated rows and their DSL twins, or the one shape.
rows = []
for run in runs:
    suffix = "" if run in ("relu", "shape") else "_" + run
    name = java[0].get("shape", "784-50-10 (%s)" % run) if run == "shape" else "784-50-10 (%s)" % run
    for key, label, monitor in (("backprop_seconds", "SGD only", "none"), ("backprop_book_loop_seconds", "book loop", "book")):
        if monitor in monitors:
            for network in (["generated", "dsl"] if run != "shape" else [java[0].get("network", "generated")]):
                k = key + suffix + ("_dsl" if network == "dsl" and run != "shape" else "")
                if k not in java[0]:
                    continue  # a --jar whose bench times fewer networks (older builds time no DSL)
                rows.append(("%s %s, %s" % (network, name, label), k, "%s_%s" % (run, monitor)))
span = lambda xs: "%.2f (%.2f-%.2f)" % (statistics.median(xs), min(xs), max(xs))
print("%d round(s); each figure: median (min-max) over the rounds; each ratio is taken within one round" % rounds)
print("%-52s %20s %20s %22s" % ("", "scratchnet", "numpy peer", "ratio, same round"))
for name, key, run in rows:
    ours = [j[key] for j in java]
    theirs = [p["seconds"] for p in peer[run]]
    ratios = [o / t for o, t in zip(ours, theirs)]
    ratio = "%.2fx (%.2f-%.2f)" % (statistics.median(ratios), min(ratios), max(ratios))
    print("%-52s %20s %20s %22s" % (name, span(ours), span(theirs), ratio))
    print("%-52s %s" % ("", "rounds: " + ", ".join("%.2f/%.2f = %.2fx" % (o, t, o / t) for o, t in zip(ours, theirs))))
for name, key, _ in rows:
    if key.endswith("_dsl"):
        twin = key[:-len("_dsl")]
        ratios = [j[key] / j[twin] for j in java]
        print("%-52s %s" % (name + " / generated", "%.2fx (%.2f-%.2f) same run" % (
            statistics.median(ratios), min(ratios), max(ratios))))
if "numerical_gradient_seconds" in java[0]:
    numerical = [j["numerical_gradient_seconds"] for j in java]
    print("%-52s %20s %20.2f %22s" % ("numerical gradient, batch 100 (s)", "%.4f (%.4f-%.4f)" % (
        statistics.median(numerical), min(numerical), max(numerical)), numgrad["extrapolated_full_seconds"],
        "1/%.0f" % (numgrad["extrapolated_full_seconds"] / statistics.median(numerical))))
for run in runs:
    key = "test_accuracy" + ("" if run in ("relu", "shape") else "_" + run)
    ours, theirs = java[0][key], peer[run + "_none"][0]["test_acc"]
    print("%-52s %20.4f %20.4f %+22.4f" % ("test accuracy, " + run, ours, theirs, ours - theirs))
inference = [j["inference_images_per_second"] for j in java]
gflops = [j["gflops"] for j in java]
peak = [j["peak_gflops"] for j in java]
print("inference: %.0f images/s (median); training loop %.1f GFLOP/s (median) of a measured %.1f GFLOP/s peak; kernels: %s"
      % (statistics.median(inference), statistics.median(gflops), statistics.median(peak), java[0]["kernels"]))
PY
echo "raw JSON in $out" >&2
