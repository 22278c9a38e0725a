import Indicators

/// One walk-forward step: a model trained on `trainRows` predicts `testRows`, which all come
/// later; training rows whose label is still open at the test block's start are purged.
public struct Fold: Sendable {
    public let index: Int
    public let trainRows: [Int]
    public let testRows: [Int]
    public let purged: Int
    public let testStart: Int64
}

/// Expanding-window walk-forward over whole trading days of the matrix's market (New York
/// dates on NYSE, UTC days on a 24/7 market, Globex sessions from 17:00 Chicago): the days are cut into
/// `splits + 1` consecutive blocks; fold k trains on blocks 0..<k and tests block k.
public enum WalkForward {
    public static func folds(_ matrix: Matrix, rows: [Int], splits: Int, embargo: Int64) throws -> [Fold] {
        guard splits >= 1 else { throw WorkspaceError("--splits must be at least 1, got \(splits)") }
        let rows = rows.sorted { matrix.ts[$0] < matrix.ts[$1] }
        let day = rows.map { matrix.market.day(matrix.ts[$0]) }
        var days: [Int32] = []
        for d in day where days.last != d { days.append(d) }
        guard days.count >= splits + 1 else {
            throw WorkspaceError("\(splits) walk-forward splits need at least \(splits + 1) sessions of data; the matrix has \(days.count) in the allowed hours")
        }
        // Block b holds days[b·n/(s+1) ..< (b+1)·n/(s+1)]: sizes differ by at most one day.
        func block(ofDay i: Int) -> Int { ((i + 1) * (splits + 1) - 1) / days.count }
        var blockOfRow: [Int] = []
        var dayIndex = 0
        for d in day {
            while days[dayIndex] != d { dayIndex += 1 }
            blockOfRow.append(block(ofDay: dayIndex))
        }
        return try (1...splits).map { k in
            let test = rows.indices.filter { blockOfRow[$0] == k }.map { rows[$0] }
            let candidates = rows.indices.filter { blockOfRow[$0] < k }.map { rows[$0] }
            guard let first = test.first else { throw WorkspaceError("walk-forward fold \(k) has no test rows") }
            let (kept, purged) = Purge.training(candidates, labelEnd: matrix.labelEnd, testStart: matrix.ts[first], embargo: embargo)
            return Fold(index: k, trainRows: kept, testRows: test, purged: purged, testStart: matrix.ts[first])
        }
    }
}
