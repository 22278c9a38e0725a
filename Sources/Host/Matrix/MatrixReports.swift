import PackKit

extension MatrixStages {
    func previewReport(_ plan: ModelPlan, build: MatrixBuild, profile: MatrixProfile,
                       verdict: (status: String, reasons: [String]), start: Int32, end: Int32) -> JSON {
        var warnings = build.warnings
        if verdict.status == "warn" { warnings += verdict.reasons }
        var report: [String: JSON] = [
            "model_id": .string(plan.config.modelID),
            "indicator_set": setJSON(plan),
            "start": .string(Timestamps.date(start)), "end": .string(Timestamps.date(end)),
            "adapter": .string("\(plan.adapter.pack).\(plan.adapter.id)"), "query": build.query,
            "ok": .bool(verdict.status != "fail"), "status": .string(verdict.status),
            "failures": .strings(verdict.status == "fail" ? verdict.reasons : []),
            "warnings": .strings(warnings),
            "rows": .number(Double(build.matrix.rowCount)),
            "nan_summary": profile.nanSummary,
            "label_balance": .object(profile.labelBalance.mapValues { .number(Double($0)) }),
            "coverage": profile.coverage,
            "warm_up_days": .number(Double(build.warmUpDays)),
            "warm_up": build.warmUp.json,
            "config_sha": .string(plan.configSHA),
        ]
        if !build.market.isNewYorkDefault { report["market"] = build.market.json }
        return .object(report)
    }

    func profileReport(_ plan: ModelPlan, build: MatrixBuild, profile: MatrixProfile,
                       verdict: (status: String, reasons: [String]), matrixSHA: String, start: Int32, end: Int32) -> JSON {
        let m = build.matrix
        let nan = profile.nanPercent
        // A NYSE profile names no market (readers default to it), so New York outputs stay as they were.
        var features: [String: JSON] = [:]
        for spec in plan.indicatorSet.features {
            features[spec.name] = .object(["nan_pct": .rounded(nan[spec.name] ?? 100, 2), "pack": .string(spec.pack),
                                           "indicator": .string(spec.indicator), "params": .object(spec.params)])
        }
        var report: [String: JSON] = [
            "model_id": .string(plan.config.modelID),
            "start": .string(Timestamps.date(start)), "end": .string(Timestamps.date(end)),
            "rows": .number(Double(m.rowCount)),
            "columns": .object(["ts": .string("ts"), "features": .strings(m.featureNames), "label": .string("label"),
                                "label_end": .string("label_end_ts"), "outcomes": .strings(m.outcomeNames)]),
            "features": .object(features),
            "label_balance": .object(profile.labelBalance.mapValues { .number(Double($0)) }),
            "coverage": profile.coverage,
            "leakage": build.causality.json,
            "warm_up": build.warmUp.json,
            "qa": .object(["status": .string(verdict.status), "reasons": .strings(verdict.reasons)]),
            "warnings": .strings(build.warnings),
            "matrix_sha": .string(matrixSHA),
            "config_sha": .string(plan.configSHA),
            "lineage": .object(["indicator_set": setJSON(plan), "adapter": plan.adapter.json, "query": build.query,
                                "labeler": plan.labeler.json, "packs": plan.packVersions, "warm_up_days": .number(Double(build.warmUpDays))]),
        ]
        if !build.market.isNewYorkDefault { report["market"] = build.market.json }
        if let partitions = build.partitions { report["partitions"] = partitions }
        // Keyed decisions and row features (RowFeatures) only where the labeler emits them.
        if m.keys != nil { report["decision_key"] = .string(RowFeatures.key) }
        for name in m.featureNames where name.hasPrefix(RowFeatures.prefix) && features[name] == nil {
            features[name] = .object(["nan_pct": .rounded(nan[name] ?? 100, 2), "labeler": plan.labeler.json])
        }
        if m.keys != nil || !build.qa.isEmpty { report["features"] = .object(features) }
        if !build.qa.isEmpty { report["qa_facts"] = profile.qaFacts["qa"] ?? .null }
        return .object(report)
    }

    private func setJSON(_ plan: ModelPlan) -> JSON {
        .object(["id": .string(plan.indicatorSet.id), "version": .string(plan.indicatorSet.version),
                 "source": .string(plan.indicatorSet.source), "sha256": .string(plan.indicatorSet.sha)])
    }
}
