import Foundation
import PackKit

/// XGBoost training through our C API binding on a built matrix: the first 80 % of its rows
/// (by time, purged) train a fixed number of rounds, the rest measure macro one-vs-rest AUC.
/// `Benchmarks/train/compare.py` repeats exactly this with Python's xgboost.
public enum TrainBenchmark {
    public static func run(matrixPath: String, rounds: Int, repeats: Int) throws -> String {
        let matrix = try Matrix.read(path: matrixPath)
        let rows = Array(0..<matrix.rowCount)
        let cut = rows.count * 4 / 5
        let holdout = Array(rows[cut...])
        let train = Purge.training(Array(rows[..<cut]), labelEnd: matrix.labelEnd, testStart: matrix.ts[holdout[0]], embargo: 0).kept
        let encoder = LabelEncoder(labels: train.map { matrix.labels[$0] })
        var policy = TrainingPolicy()
        policy.maxRounds = rounds
        let params = policy.boosterParams(classes: encoder.classes.count).filter { $0.0 != "eval_metric" }
        var times: [Double] = []
        var last: Booster?
        for _ in 0..<max(1, repeats) {
            let t0 = Date()
            let data = try Trainer.dmatrix(matrix, rows: train, encoder: encoder)
            let booster = try Booster(cache: [data])
            try booster.set(params)
            for round in 0..<rounds { try booster.update(iteration: round, data) }
            times.append(Date().timeIntervalSince(t0))
            last = booster
        }
        let p = try Trainer.probabilities(last!, classes: encoder.classes, prior: nil, matrix, rows: holdout)
        let auc = ROC.macroAUC(probabilities: p, labels: holdout.map { encoder.code(matrix.labels[$0]) ?? -1 }, classes: encoder.classes.count)
        return JSON.object([
            "bench": .string("train.xgboost"), "matrix": .string(matrixPath), "rows": .number(Double(train.count)),
            "holdout_rows": .number(Double(holdout.count)), "features": .number(Double(matrix.featureNames.count)),
            "classes": .strings(encoder.classes), "rounds": .number(Double(rounds)), "repeats": .number(Double(times.count)),
            "params": .object(Dictionary(uniqueKeysWithValues: params.map { ($0.0, JSON.string($0.1)) })),
            "edgehost_s": .rounded(times.sorted()[times.count / 2], 4), "edgehost_auc": .rounded(auc, 6),
            "xgboost_version": .string(XGBoost.version), "unit": .string("s"),
        ]).text
    }
}
