/// Area under the ROC curve, by ranks (Mann–Whitney U), ties sharing their mean rank: the
/// same value scikit-learn's `roc_auc_score` gives.
public enum ROC {
    /// NaN when `positives` is all true or all false.
    public static func auc(scores: [Double], positives: [Bool]) -> Double {
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var ranks = [Double](repeating: 0, count: scores.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && scores[order[j + 1]] == scores[order[i]] { j += 1 }
            let mean = Double(i + j) / 2 + 1
            for k in i...j { ranks[order[k]] = mean }
            i = j + 1
        }
        let p = Double(positives.filter { $0 }.count), n = Double(positives.count) - p
        guard p > 0, n > 0 else { return .nan }
        let sum = zip(ranks, positives).filter(\.1).map(\.0).reduce(0, +)
        return (sum - p * (p + 1) / 2) / (p * n)
    }

    /// Mean one-vs-rest AUC over the classes present (`probabilities[row][class]`).
    public static func macroAUC(probabilities: [[Double]], labels: [Int], classes: Int) -> Double {
        let aucs = (0..<classes).map { c in auc(scores: probabilities.map { $0[c] }, positives: labels.map { $0 == c }) }.filter(\.isFinite)
        return aucs.isEmpty ? .nan : aucs.reduce(0, +) / Double(aucs.count)
    }
}
