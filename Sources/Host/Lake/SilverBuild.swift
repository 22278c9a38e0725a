import Foundation

/// `edgehost lake silver`: the bronze lake's futures trades as one-minute bars per UTC date,
/// `<lake>/silver/es-minute/underlying=<U>/date=<YYYY-MM-DD>/bars.csv` with the Lean minute
/// files' columns (`ts,contract,open,high,low,close,volume`, every contract month), which
/// es0dte's `silver` adapter reads.
///
/// A date's inputs are the bronze files whose records reach into it: its `trades` files, or its
/// `mbo` files' trades when it has no `trades` file (never both, which would count each trade
/// twice). With top-of-book files (`mbp-1`, `tbbo`, `bbo-1s`/`1m`, `mbp-10`) a date also gets
/// `quotes.csv` (`MinuteQuotes`): the real book and signed volume the adapter then uses instead
/// of simulating them. `silver/es-minute/manifest.json` keeps each partition's input hashes: a date whose
/// inputs and output are unchanged is skipped, `force` rebuilds every date, and a rebuild
/// gives the same bytes.
public struct SilverBuild {
    public static let header = "ts,contract,open,high,low,close,volume"

    public struct Report: Sendable {
        public var built: [SilverPartition] = []
        public var skipped: [SilverPartition] = []
    }

    public var lake: String
    public var underlying: String
    public var force: Bool

    public init(lake: String, underlying: String = "ES", force: Bool = false) {
        self.lake = lake
        self.underlying = underlying
        self.force = force
    }

    var root: String { (lake as NSString).appendingPathComponent("silver/es-minute") }
    public static func manifestPath(lake: String) -> String { (lake as NSString).appendingPathComponent("silver/es-minute/manifest.json") }

    public func run() throws -> Report {
        let bronzePath = BronzeImport.manifestPath(lake: lake)
        guard FileManager.default.fileExists(atPath: bronzePath) else {
            throw EdgehostError(code: "lake-empty", object: bronzePath, "no bronze lake here: run `edgehost lake import` first", exit: .badInput)
        }
        let bronze = try LakeJSON.read(BronzeManifest.self, at: bronzePath, empty: BronzeManifest())
        let prefix = "bronze/futures/"
        let mine = bronze.files.filter {
            $0.path.hasPrefix(prefix) && $0.path.contains("/underlying=\(underlying)/") && ($0.schema == "trades" || $0.schema == "mbo")
                && $0.firstTsEventNanoseconds != nil
        }
        let quoteFiles = bronze.files.filter {
            $0.path.hasPrefix(prefix) && $0.path.contains("/underlying=\(underlying)/") && MinuteQuotes.schemas.contains($0.schema)
        }
        let manifestPath = Self.manifestPath(lake: lake)
        var manifest = try LakeJSON.read(SilverManifest.self, at: manifestPath, empty: SilverManifest())
        var report = Report()
        let quotesByDay = Dictionary(uniqueKeysWithValues: Self.inputsByDay(quoteFiles))
        for (day, trades) in Self.inputsByDay(mine) {
            let date = Self.date(day)
            let output = "silver/es-minute/underlying=\(underlying)/date=\(date)/bars.csv"
            let quotes = quotesByDay[day] ?? []
            let inputs = trades + quotes
            let recorded = inputs.map { SilverPartition.Input(path: $0.path, sha256: $0.sha256) }
            let existing = manifest.partitions.firstIndex { $0.date == date }
            if !force, let i = existing, manifest.partitions[i].inputs == recorded, manifest.partitions[i].output == output,
               (try? FileDigest.sha256(path: (lake as NSString).appendingPathComponent(output)).digest) == manifest.partitions[i].sha256,
               manifest.partitions[i].quotes.map({ (try? FileDigest.sha256(path: (lake as NSString).appendingPathComponent($0)).digest) == manifest.partitions[i].quotesSHA256 }) ?? true {
                report.skipped.append(manifest.partitions[i])
                continue
            }
            var bars = MinuteBars()
            let (from, to) = (UInt64(day) * 86_400_000_000_000, UInt64(day + 1) * 86_400_000_000_000)
            for input in trades { try bars.add(path: (lake as NSString).appendingPathComponent(input.path), from: from, to: to) }
            for input in quotes { try bars.book.addQuotes(path: (lake as NSString).appendingPathComponent(input.path), from: from, to: to) }
            let lines = bars.lines()
            let data = Data(([Self.header] + lines).map { $0 + "\n" }.joined().utf8)
            // The book facts first, the bars (which the manifest vouches for with both digests) after.
            var book: (path: String, sha: String)?
            if !bars.book.isEmpty {
                let path = (output as NSString).deletingLastPathComponent + "/quotes.csv"
                let text = Data(([MinuteQuotes.header] + bars.book.lines()).map { $0 + "\n" }.joined().utf8)
                try AtomicFile.write(text, to: (lake as NSString).appendingPathComponent(path))
                book = (path, Hashing.sha256(text))
            }
            try AtomicFile.write(data, to: (lake as NSString).appendingPathComponent(output))
            var partition = SilverPartition(date: date, inputs: recorded, output: output, sha256: Hashing.sha256(data), rows: lines.count)
            (partition.quotes, partition.quotesSHA256) = (book?.path, book?.sha)
            if let i = existing { manifest.partitions[i] = partition } else { manifest.partitions.append(partition) }
            report.built.append(partition)
        }
        manifest.partitions.sort { $0.date < $1.date }
        try AtomicFile.write(try LakeJSON.encode(manifest), to: manifestPath)
        return report
    }

    /// Days since the epoch (UTC) → the bronze files feeding them, in path order; trades files
    /// win over mbo files for a day that has both.
    static func inputsByDay(_ files: [BronzeFile]) -> [(Int64, [BronzeFile])] {
        var days: [Int64: [BronzeFile]] = [:]
        for file in files {
            guard let first = file.firstTsEventNanoseconds, let last = file.lastTsEventNanoseconds else { continue }
            for day in Int64(first / 86_400_000_000_000)...Int64(last / 86_400_000_000_000) { days[day, default: []].append(file) }
        }
        return days.keys.sorted().map { day in
            let all = days[day]!.sorted { $0.path < $1.path }
            let trades = all.filter { $0.schema == "trades" }
            return (day, trades.isEmpty ? all : trades)
        }
    }

    static func date(_ day: Int64) -> String { Timestamps.date(Int32(day)) }
}
