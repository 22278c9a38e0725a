import PackKit

extension LeaderboardRow {
    /// Every field under its column's name; NaN and infinities are null, as JSON has neither.
    public var json: JSON {
        .object([
            "key": .string(key), "run_id": .string(runID), "model_id": .string(modelID), "model_version": .string(modelVersion),
            "risk_profile": .string(riskProfile), "threshold": .finite(threshold), "top_pct": topPct.map(JSON.finite) ?? .null,
            "allowed_hours": .string(allowedHours), "splits": .number(Double(splits)), "trades": .number(Double(trades)),
            "win_rate": .finite(winRate), "mean_return": .finite(meanReturn), "median_return": .finite(medianReturn),
            "total_return": .finite(totalReturn), "sharpe": .finite(sharpe), "sortino": .finite(sortino),
            "max_drawdown": .finite(maxDrawdown), "calmar": .finite(calmar), "deflated_sharpe": .finite(deflatedSharpe),
            "fold_sharpe_spread": .finite(foldSharpeSpread), "gate_status": .string(gateStatus), "gate_reasons": .string(gateReasons),
            "matrix_sha": .string(matrixSHA), "config_sha": .string(configSHA), "report_path": .string(reportPath),
            "created_at": .string(createdAt),
        ])
    }
}
