"""Reference PSI and KS for `edgehost monitor drift` (Sources/Host/Monitor/DriftStatistics.swift).

stdin: JSON [{"reference": [...], "live": [...]}, ...]; stdout: JSON [{"psi": x, "ks": y}, ...]
PSI: 10 bins cut at the reference's deciles (numpy.percentile), a value on an edge in the upper
bin, empty shares replaced by 1e-6. KS: scipy.stats.ks_2samp's statistic.
"""
import json
import sys

import numpy as np
from scipy.stats import ks_2samp


def psi(reference, live, eps=1e-6):
    edges = np.percentile(reference, np.arange(10, 100, 10))
    p = np.bincount(np.searchsorted(edges, reference, side="right"), minlength=10) / len(reference)
    q = np.bincount(np.searchsorted(edges, live, side="right"), minlength=10) / len(live)
    p = np.where(p == 0, eps, p)
    q = np.where(q == 0, eps, q)
    return float(np.sum((q - p) * np.log(q / p)))


cases = json.load(sys.stdin)
json.dump([{"psi": psi(np.array(c["reference"]), np.array(c["live"])),
            "ks": float(ks_2samp(c["reference"], c["live"]).statistic)} for c in cases], sys.stdout)
