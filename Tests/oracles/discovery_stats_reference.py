"""Reference statistics for event discovery (Tests/HostTests/DiscoveryStatisticsTests).

stdin: {"series": [{"x": [...], "lag": L}, ...], "p": [...]}
stdout: {"tests": [{"mean", "se", "t", "p"}, ...], "bh": [...]}

Each series is tested the way Sources/Host/Discovery/Statistics/MeanTest.swift documents:
statsmodels OLS on a constant with a Newey-West (HAC, Bartlett) covariance of `maxlags` L,
its t and its default p-value (normal for HAC; checked against scipy.stats.norm). BH
q-values come from scipy.stats.false_discovery_control(method='bh').
"""
import json
import sys

import numpy as np
import scipy.stats
import statsmodels.api as sm


def main():
    request = json.load(sys.stdin)
    tests = []
    for s in request["series"]:
        x = np.asarray(s["x"], dtype=float)
        fit = sm.OLS(x, np.ones(len(x))).fit(cov_type="HAC", cov_kwds={"maxlags": int(s["lag"])})
        t = float(fit.tvalues[0])
        p = float(fit.pvalues[0])
        assert abs(p - 2 * scipy.stats.norm.sf(abs(t))) <= 1e-12 * max(p, 1e-300), "statsmodels' HAC p-value is not normal"
        tests.append({"mean": float(fit.params[0]), "se": float(fit.bse[0]), "t": t, "p": p})
    bh = scipy.stats.false_discovery_control(np.asarray(request["p"], dtype=float), method="bh")
    json.dump({"tests": tests, "bh": [float(q) for q in bh]}, sys.stdout)


if __name__ == "__main__":
    main()
