import Foundation
import MarketKit
import PackKit

/// One date's rows of a partitioned build (`MatrixPartitions`):
/// `<lake>/silver/<set>@<version>/<model>/date=YYYY-MM-DD/` holding `part.csv` (the matrix's
/// rows of that date, `Matrix.csv`), `qa.csv` (the labeler's `qa_…` facts on those rows) and
/// `manifest.json`, written last: it names the two files' digests, so a date whose files are
/// not the manifest's (a crash between renames, an edit) is built again.
struct MatrixPartition {
    let folder: String
    var matrixPath: String { folder + "/part.csv" }
    var qaPath: String { folder + "/qa.csv" }
    var manifestPath: String { folder + "/manifest.json" }

    init(root: String, day: Int32) {
        folder = (root as NSString).appendingPathComponent("date=\(Timestamps.date(day))")
    }

    /// What made the partition and what a merged build needs from it. No clock time: the same
    /// inputs write the same bytes.
    struct Manifest: Equatable {
        var date: String
        var inputSHA: String
        var matrixSHA = ""
        var qaSHA = ""
        var rows = 0
        /// The adapter's bars of the date, and its decisions dropped as warm-up.
        var bars = 0
        var warmUpDropped = 0
        /// The adapter's warnings of the build that made it.
        var warnings: [String] = []

        var json: JSON {
            .object(["date": .string(date), "input_sha": .string(inputSHA), "matrix_sha": .string(matrixSHA), "qa_sha": .string(qaSHA),
                     "rows": .number(Double(rows)), "bars": .number(Double(bars)), "warm_up_dropped": .number(Double(warmUpDropped)),
                     "warnings": .strings(warnings)])
        }

        init(date: String, inputSHA: String) {
            self.date = date
            self.inputSHA = inputSHA
        }

        init?(json: JSON) {
            guard let date = json["date"]?.stringValue, let input = json["input_sha"]?.stringValue, let matrix = json["matrix_sha"]?.stringValue,
                  let qa = json["qa_sha"]?.stringValue, let rows = json["rows"]?.doubleValue, let bars = json["bars"]?.doubleValue,
                  let dropped = json["warm_up_dropped"]?.doubleValue, case .array(let warnings)? = json["warnings"] else { return nil }
            self.init(date: date, inputSHA: input)
            (matrixSHA, qaSHA) = (matrix, qa)
            (self.rows, self.bars, warmUpDropped) = (Int(exactly: rows) ?? -1, Int(exactly: bars) ?? -1, Int(exactly: dropped) ?? -1)
            self.warnings = warnings.compactMap(\.stringValue)
        }
    }

    /// The manifest when the partition was made from `inputSHA` and both files are intact.
    func unchanged(inputSHA: String) -> Manifest? {
        guard let data = FileManager.default.contents(atPath: manifestPath), let json = try? JSON.parse(String(decoding: data, as: UTF8.self)),
              let manifest = Manifest(json: json), manifest.inputSHA == inputSHA,
              (try? Hashing.sha256(path: matrixPath)) == manifest.matrixSHA, (try? Hashing.sha256(path: qaPath)) == manifest.qaSHA else { return nil }
        return manifest
    }

    /// Writes the rows, their QA facts, then the manifest (each in one rename).
    func write(_ matrix: Matrix, qa: [String: [Double]], manifest: Manifest) throws -> Manifest {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let csv = matrix.csv(), facts = Self.qaCSV(qa, rows: matrix.rowCount)
        try AtomicFile.write(csv, to: matrixPath)
        try AtomicFile.write(facts, to: qaPath)
        var m = manifest
        (m.matrixSHA, m.qaSHA, m.rows) = (Hashing.sha256(csv), Hashing.sha256(facts), matrix.rowCount)
        try AtomicFile.write(m.json.prettyText + "\n", to: manifestPath)
        return m
    }

    /// The rows and their QA facts, as written.
    func read(market: Market) throws -> (matrix: Matrix, qa: [String: [Double]]) {
        let matrix = try Matrix.read(path: matrixPath, market: market)
        guard let data = FileManager.default.contents(atPath: qaPath) else { throw WorkspaceError("\(qaPath): missing") }
        var lines = TextFile.decode(data).split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        let names = lines.first.map { $0.isEmpty ? [] : $0.split(separator: ",").map(String.init) } ?? []
        var qa = Dictionary(uniqueKeysWithValues: names.map { ($0, [Double]()) })
        for (n, line) in lines.dropFirst().enumerated() where !names.isEmpty {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == names.count else { throw WorkspaceError("\(qaPath): line \(n + 2): \(fields.count) fields, the header has \(names.count)") }
            for (name, field) in zip(names, fields) {
                guard let x = field.isEmpty ? .nan : Double(field) else { throw WorkspaceError("\(qaPath): line \(n + 2): '\(EscapedText.text(field))' is not a number") }
                qa[name]!.append(x)
            }
        }
        guard qa.values.allSatisfy({ $0.count == matrix.rowCount }) else { throw WorkspaceError("\(qaPath): not one row per row of \(matrixPath)") }
        return (matrix, qa)
    }

    /// The facts in name order, numbers as the matrix writes them (round-trip exact).
    static func qaCSV(_ qa: [String: [Double]], rows: Int) -> Data {
        let names = qa.keys.sorted()
        var text = names.joined(separator: ",") + "\n"
        guard !names.isEmpty else { return Data(text.utf8) }
        for row in 0..<rows {
            text += names.map { Matrix.number(qa[$0]![row]) }.joined(separator: ",")
            text += "\n"
        }
        return Data(text.utf8)
    }
}
