"""Probability of backtest overfitting by CSCV (Bailey et al. 2015), written directly from the
paper with numpy, for Tests/HostTests/SweepTests. Reads {"returns": [[...]...], "blocks": S}
(rows = configurations) on stdin; prints {"pbo": p, "combinations": n}.
Blocks: session i belongs to block i*S//T; Sharpe = mean / sample std (0 without spread);
the in-sample winner is the first configuration with the highest Sharpe; its out-of-sample
rank counts worse configurations plus half of the ties (+1/2), relative rank = rank / (N + 1)."""
import itertools
import json
import math
import sys

import numpy as np

doc = json.load(sys.stdin)
m = np.array(doc["returns"], dtype=float)
n, t = m.shape
s = doc["blocks"]
block = np.array([i * s // t for i in range(t)])


def sharpe(cols):
    x = m[:, cols]
    if x.shape[1] < 2:
        return np.zeros(n)
    sd = x.std(axis=1, ddof=1)
    mean = x.mean(axis=1)
    return np.where(sd > 1e-150, mean / np.where(sd > 1e-150, sd, 1), 0.0)


logits = []
for ins in itertools.combinations(range(s), s // 2):
    mask = np.isin(block, ins)
    is_sr, oos_sr = sharpe(np.where(mask)[0]), sharpe(np.where(~mask)[0])
    best = int(np.argmax(is_sr))
    rank = (oos_sr < oos_sr[best]).sum() + ((oos_sr == oos_sr[best]).sum() + 1) / 2
    omega = rank / (n + 1)
    logits.append(math.log(omega / (1 - omega)))
print(json.dumps({"pbo": sum(1 for l in logits if l <= 0) / len(logits), "combinations": len(logits)}))
