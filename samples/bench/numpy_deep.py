#!/usr/bin/env python3
"""numpy peer for deeper networks: 784-H1-...-Hk-10 with one activation per hidden layer, minibatch SGD.

The same algorithm as scratchnet's generated model, written the obvious way in numpy: the forward pass is
x @ W + b and the activation per layer, softmax with cross-entropy at the end, then the backward pass in
reverse. Weights are 0.01 * N(0, 1) and biases 0, as the book's default; batches are drawn with replacement
from numpy.random.RandomState(seed). It prints one JSON line with the same keys as numpy_twolayer.py, so
compare.sh reads either.

  backprop --data DIR [--hidden 100,50,30] [--act relu,tanh,sigmoid] [--iters N] [--batch 100] [--lr 0.1]
           [--monitor none|book] [--seed 0]
  numgrad  --data DIR [--hidden ...] [--act ...] [--params N]   (central differences, W1 row-major first)
"""
import argparse
import gzip
import json
import os
import sys
import time

import numpy as np

FILES = {
    "train_x": "train-images-idx3-ubyte.gz",
    "train_t": "train-labels-idx1-ubyte.gz",
    "test_x": "t10k-images-idx3-ubyte.gz",
    "test_t": "t10k-labels-idx1-ubyte.gz",
}
H_NUM = 1e-4


def read_idx_gz(path):
    with gzip.open(path, "rb") as fh:
        raw = fh.read()
    ndim = raw[3]
    dims = tuple(int.from_bytes(raw[4 + 4 * k:8 + 4 * k], "big") for k in range(ndim))
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load_mnist(data_dir):
    out = {}
    for key, name in FILES.items():
        arr = read_idx_gz(os.path.join(data_dir, name))
        if key.endswith("_x"):
            out[key] = arr.reshape(arr.shape[0], -1).astype(np.float64) / 255.0
        else:
            labels = arr.astype(np.int64)
            onehot = np.zeros((labels.size, 10))
            onehot[np.arange(labels.size), labels] = 1.0
            out[key + "_idx"] = labels
            out[key] = onehot
    return out


ACTIVATIONS = {
    "relu": (lambda a: np.maximum(a, 0.0), lambda z: z > 0),
    "sigmoid": (lambda a: 1.0 / (1.0 + np.exp(-a)), lambda z: z * (1.0 - z)),
    "tanh": (np.tanh, lambda z: 1.0 - z * z),
}


def softmax_rows(a):
    e = np.exp(a - a.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


class Net:
    def __init__(self, widths, acts, rng):
        self.W, self.b = [], []
        for n_in, n_out in zip(widths[:-1], widths[1:]):
            self.W.append(0.01 * rng.randn(n_in, n_out))
            self.b.append(np.zeros(n_out))
        self.acts = acts

    def params(self):
        for W, b in zip(self.W, self.b):
            yield W
            yield b

    def forward(self, x):
        """Every layer's output, the last one the scores (no activation: the loss applies softmax)."""
        z = [x]
        for k, (W, b) in enumerate(zip(self.W, self.b)):
            a = z[-1] @ W + b
            z.append(ACTIVATIONS[self.acts[k]][0](a) if k < len(self.acts) else a)
        return z

    def loss(self, x, label_idx):
        y = softmax_rows(self.forward(x)[-1])
        return float(-np.sum(np.log(y[np.arange(x.shape[0]), label_idx] + 1e-7)) / x.shape[0])

    def accuracy(self, x, label_idx, chunk=10000):
        hits = 0
        for s in range(0, x.shape[0], chunk):
            hits += int(np.count_nonzero(np.argmax(self.forward(x[s:s + chunk])[-1], axis=1) == label_idx[s:s + chunk]))
        return hits / x.shape[0]

    def backprop(self, x, t):
        z = self.forward(x)
        d = (softmax_rows(z[-1]) - t) / x.shape[0]
        grads = [None] * (2 * len(self.W))
        for k in range(len(self.W) - 1, -1, -1):
            grads[2 * k] = z[k].T @ d
            grads[2 * k + 1] = d.sum(axis=0)
            if k > 0:
                d = (d @ self.W[k].T) * ACTIVATIONS[self.acts[k - 1]][1](z[k])
        return grads


def run_backprop(a, data, widths, acts):
    rng = np.random.RandomState(a.seed)
    net = Net(widths, acts, rng)
    xtr, ttr, itr = data["train_x"], data["train_t"], data["train_t_idx"]
    xte, ite = data["test_x"], data["test_t_idx"]
    n_train = xtr.shape[0]
    epoch = max(n_train / a.batch, 1)
    last_loss = None
    start = time.perf_counter()
    for it in range(a.iters):
        pick = rng.choice(n_train, a.batch)
        xb, tb = xtr[pick], ttr[pick]
        for p, g in zip(list(net.params()), net.backprop(xb, tb)):
            p -= a.lr * g
        if a.monitor == "book":
            last_loss = net.loss(xb, itr[pick])
            if it % epoch == 0:
                print("iter %d train %.4f test %.4f" % (it, net.accuracy(xtr, itr), net.accuracy(xte, ite)),
                      file=sys.stderr)
    seconds = time.perf_counter() - start
    print(json.dumps({
        "mode": "backprop", "iters": a.iters, "seconds": round(seconds, 4),
        "train_acc": net.accuracy(xtr, itr), "test_acc": net.accuracy(xte, ite), "batch": a.batch, "lr": a.lr,
        "hidden": a.hidden, "act": a.act, "seed": a.seed, "monitor": a.monitor, "last_batch_loss": last_loss,
    }))


def run_numgrad(a, data, widths, acts):
    net = Net(widths, acts, np.random.RandomState(a.seed))
    total = sum(p.size for p in net.params())
    limit = total if a.params is None else min(a.params, total)
    x, lab = data["train_x"][:a.batch], data["train_t_idx"][:a.batch]
    done = 0
    start = time.perf_counter()
    for p in net.params():
        flat = p.reshape(-1)
        for i in range(flat.size):
            if done >= limit:
                break
            keep = flat[i]
            flat[i] = keep + H_NUM
            up = net.loss(x, lab)
            flat[i] = keep - H_NUM
            down = net.loss(x, lab)
            flat[i] = keep
            done += 1
    seconds = time.perf_counter() - start
    per = seconds / done
    print(json.dumps({
        "mode": "numgrad", "params": done, "seconds": round(seconds, 4), "seconds_per_param": per,
        "batch": a.batch, "hidden": a.hidden, "act": a.act, "total_params": total,
        "extrapolated_full_seconds": round(per * total, 2),
    }))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mode", choices=("backprop", "numgrad"))
    ap.add_argument("--data", required=True, help="directory with the four MNIST *.gz IDX files")
    ap.add_argument("--hidden", default="100,50,30", help="hidden layers' units, comma-separated")
    ap.add_argument("--act", default="relu,tanh,sigmoid", help="one activation per hidden layer: relu, sigmoid, tanh")
    ap.add_argument("--iters", type=int, default=10000)
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--lr", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--params", type=int, default=None, help="numgrad: perturb only the first N parameters")
    ap.add_argument("--monitor", choices=("book", "none"), default="book")
    a = ap.parse_args()
    hidden = [int(h) for h in a.hidden.split(",")]
    acts = a.act.split(",")
    if len(acts) == 1:
        acts = acts * len(hidden)
    if len(acts) != len(hidden) or any(f not in ACTIVATIONS for f in acts):
        sys.exit("--act needs one of relu, sigmoid, tanh per hidden layer")
    run = {"backprop": run_backprop, "numgrad": run_numgrad}[a.mode]
    run(a, load_mnist(a.data), [784] + hidden + [10], acts)


if __name__ == "__main__":
    main()
