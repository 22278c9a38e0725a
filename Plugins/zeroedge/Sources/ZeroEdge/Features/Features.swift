import PackKit

extension ZeroEdge {
    /// v1 (zeroedge_pin_drift_v1) features first, then those v2 adds.
    static let indicators: [Indicator] = [
        driftSinceOpen, minutesSinceOpen, hourOfDay, pinDistance, atmDistance, vwapDistance, realizedVol,
        openGapZ, first15mRangeZ, atmIVOpenDelta, gammaDensityPeakStrike, gammaSkewLeftRight,
    ]
}
