#!/usr/bin/env python3
"""Reference values for the Swift `ReturnMetrics`, `Normal` and `DeflatedSharpe` (Host module).

Usage: empyrical_reference.py < request.json > answer.json

The request is JSON written by Tests/HostTests/MetricsTests.swift:

    {"series": {"<name>": [daily simple returns, null for NaN], ...},
     "normal": {"x": [...], "p": [...]},
     "dsr": {"returns": [...], "trials": [per-period Sharpes of every configuration tried]}}

The answer has the same shape: per series, every metric computed with empyrical (scalars) or
a list (cum_returns, drawdown_series), skew/kurtosis with scipy.stats (bias=True and False,
non-excess kurtosis); Normal's cdf and ppf from scipy.stats.norm; the DSR computed directly
from Bailey & Lopez de Prado (2014) with scipy. JSON has no NaN or infinity, so those are
written as the strings "nan", "inf" and "-inf"; finite numbers are printed with repr, which
round-trips exactly.

Exit status 3 with a message on stderr when empyrical, scipy or numpy is missing.
"""
import json
import math
import sys
import warnings

try:
    import numpy as np
    import empyrical
    import empyrical.stats
    from scipy import stats
except ImportError as error:  # the Swift test turns this into a failure with the fix
    sys.stderr.write(f"{error}; run: python3 -m pip install -r Tests/oracles/requirements.txt\n")
    sys.exit(3)

EULER_MASCHERONI = 0.5772156649015329


def encode(value):
    """A float as JSON: a number when finite, else "nan", "inf" or "-inf"."""
    if isinstance(value, (list, np.ndarray)):
        return [encode(item) for item in value]
    value = float(value)
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return value


def decode(values):
    return np.array([np.nan if value is None else float(value) for value in values], dtype=np.float64)


def empyrical_metrics(returns):
    return {
        "cumulativeReturns": empyrical.cum_returns(returns),
        "drawdowns": empyrical.stats.drawdown_series(returns),  # not re-exported at top level
        "totalReturn": empyrical.cum_returns_final(returns),
        "annualReturn": empyrical.annual_return(returns),
        "annualVolatility": empyrical.annual_volatility(returns),
        "sharpe": empyrical.sharpe_ratio(returns),
        "downsideRisk": empyrical.downside_risk(returns),
        "sortino": empyrical.sortino_ratio(returns),
        "maxDrawdown": empyrical.max_drawdown(returns),
        "calmar": empyrical.calmar_ratio(returns),
        "skewness": stats.skew(returns),
        "skewnessUnbiased": stats.skew(returns, bias=False),
        "kurtosis": stats.kurtosis(returns, fisher=False),
        "kurtosisUnbiased": stats.kurtosis(returns, fisher=False, bias=False),
    }


def expected_max_sharpe(trials, variance):
    if trials == 1:
        return 0.0
    return math.sqrt(variance) * ((1 - EULER_MASCHERONI) * stats.norm.ppf(1 - 1 / trials)
                                  + EULER_MASCHERONI * stats.norm.ppf(1 - 1 / (trials * math.e)))


def probabilistic_sharpe(sharpe, benchmark, observations, skewness, kurtosis):
    spread = math.sqrt(1 - skewness * sharpe + (kurtosis - 1) / 4 * sharpe ** 2)
    return stats.norm.cdf((sharpe - benchmark) * math.sqrt(observations - 1) / spread)


def deflated_sharpe(returns, trials):
    """The DSR from first principles: per-period Sharpe (ddof=1), scipy's biased moments, and
    the expected maximum of len(trials) Sharpes with their sample variance (ddof=1)."""
    sharpe = np.mean(returns) / np.std(returns, ddof=1)
    benchmark = expected_max_sharpe(len(trials), np.var(trials, ddof=1) if len(trials) > 1 else 0.0)
    return {
        "sharpe": sharpe,
        "skewness": stats.skew(returns),
        "kurtosis": stats.kurtosis(returns, fisher=False),
        "benchmark": benchmark,
        "deflated": probabilistic_sharpe(sharpe, benchmark, len(returns), stats.skew(returns),
                                         stats.kurtosis(returns, fisher=False)),
    }


def paper_example():
    """Bailey & Lopez de Prado (2014), section 'A numerical example': annualised SR 2.5 over
    T = 1250 daily observations (250 a year), N = 100 trials whose annualised Sharpes have
    variance 1/2, skewness -3, kurtosis 10: SR0 = 0.1132 and DSR = 0.9004 in the paper."""
    sharpe = 2.5 / math.sqrt(250)
    benchmark = expected_max_sharpe(100, 0.5 / 250)
    return {"benchmark": benchmark, "deflated": probabilistic_sharpe(sharpe, benchmark, 1250, -3.0, 10.0)}


def main():
    request = json.load(sys.stdin)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # empty and constant series warn; their NaN is the point
        with np.errstate(all="ignore"):
            answer = {
                "versions": {"empyrical": empyrical.__version__, "numpy": np.__version__},
                "series": {name: {key: encode(value) for key, value in empyrical_metrics(decode(values)).items()}
                           for name, values in sorted(request["series"].items())},
                "normal": {"cdf": encode(stats.norm.cdf(decode(request["normal"]["x"]))),
                           "quantile": encode(stats.norm.ppf(decode(request["normal"]["p"])))},
                "dsr": {key: encode(value) for key, value in
                        deflated_sharpe(decode(request["dsr"]["returns"]), decode(request["dsr"]["trials"])).items()},
                "paper": {key: encode(value) for key, value in paper_example().items()},
            }
    json.dump(answer, sys.stdout, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
