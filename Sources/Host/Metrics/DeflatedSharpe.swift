import Foundation

/// Bailey & López de Prado (2014), "The Deflated Sharpe Ratio: Correcting for Selection Bias,
/// Backtest Overfitting and Non-Normality": how likely the chosen configuration's Sharpe ratio
/// is real, given how many configurations were tried to find it. Sharpe ratios here are per
/// period (daily returns → daily Sharpe, not annualised), as in the paper's formulas.
/// A NaN argument gives NaN; so do empty inputs.
public enum DeflatedSharpe {
    /// γ, in the expected maximum of N standard normals.
    public static let eulerMascheroni = 0.5772156649015329

    /// Probabilistic Sharpe ratio: P(true Sharpe > `benchmark`) given the observed `sharpe`
    /// over `observations` returns of that `skewness` and (non-excess, 3 = normal) `kurtosis`.
    public static func probabilistic(sharpe: Double, benchmark: Double, observations: Int,
                                     skewness: Double, kurtosis: Double) -> Double {
        guard observations >= 2 else { return .nan }
        let spread = (1 - skewness * sharpe + (kurtosis - 1) / 4 * (sharpe * sharpe)).squareRoot()
        return Normal.cdf((sharpe - benchmark) * Double(observations - 1).squareRoot() / spread)
    }

    /// SR0: the Sharpe ratio the best of `trials` skill-less configurations reaches on average,
    /// when their Sharpe ratios have `variance`. 0 for a single trial; NaN for none.
    public static func expectedMaxSharpe(trials: Int, variance: Double) -> Double {
        guard trials >= 1, variance >= 0 else { return .nan }
        guard trials > 1 else { return 0 }
        let n = Double(trials)
        let z = (1 - eulerMascheroni) * Normal.quantile(1 - 1 / n)
            + eulerMascheroni * Normal.quantile(1 - 1 / (n * M_E))
        return variance.squareRoot() * z
    }

    /// The DSR of the chosen configuration's per-period `returns`: its PSR against SR0 from the
    /// count and the sample variance (ddof 1) of `trialSharpes`, the per-period Sharpe ratios of
    /// every configuration tried (the chosen one included). Skewness and kurtosis are the biased
    /// sample moments (scipy's defaults), for which the PSR's spread is never imaginary.
    public static func deflated(returns: [Double], trialSharpes: [Double]) -> Double {
        guard !trialSharpes.isEmpty, !returns.contains(where: \.isNaN),
              !trialSharpes.contains(where: \.isNaN) else { return .nan }
        let variance = trialSharpes.count > 1 ? ReturnMetrics.sampleVariance(trialSharpes) : 0
        return probabilistic(sharpe: ReturnMetrics.sharpe(returns, periods: 1),
                             benchmark: expectedMaxSharpe(trials: trialSharpes.count, variance: variance),
                             observations: returns.count,
                             skewness: ReturnMetrics.skewness(returns),
                             kurtosis: ReturnMetrics.kurtosis(returns))
    }
}
