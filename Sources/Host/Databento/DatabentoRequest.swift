import Foundation

/// The parameters of Databento's historical `timeseries.get_range`, as the official Python
/// client sends them (databento-python `historical/api/timeseries.py`): form fields, with
/// `encoding=dbn` and `compression=zstd` always.
public struct DatabentoRequest: Sendable {
    public var dataset: String
    public var schema: String
    public var symbols: [String]
    public var stypeIn: String
    public var start: String
    public var end: String
    public var limit: Int?

    public init(dataset: String, schema: String, symbols: [String], stypeIn: String = "raw_symbol",
                start: String, end: String, limit: Int? = nil) {
        self.dataset = dataset
        self.schema = schema
        self.symbols = symbols
        self.stypeIn = stypeIn
        self.start = start
        self.end = end
        self.limit = limit
    }

    var fields: [(String, String)] {
        var out = [("dataset", dataset), ("start", start), ("end", end), ("symbols", symbols.joined(separator: ",")),
                   ("schema", schema), ("stype_in", stypeIn), ("stype_out", "instrument_id"),
                   ("encoding", "dbn"), ("compression", "zstd")]
        if let limit { out.append(("limit", String(limit))) }
        return out
    }

    /// `application/x-www-form-urlencoded` body.
    var formBody: Data {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let pairs = fields.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
        }
        return Data(pairs.joined(separator: "&").utf8)
    }

    /// The file name the answer is filed under in the bronze lake: the request, readable
    /// and deterministic, e.g. `GLBX.MDP3-trades-ESH4-2023-12-26-2023-12-27.dbn.zst`.
    public var fileName: String {
        let raw = [dataset, schema, symbols.joined(separator: "_"), start, end].joined(separator: "-")
        let safe = raw.map { $0.isLetter || $0.isNumber || "._-".contains($0) ? String($0) : "_" }.joined()
        return String(safe.prefix(200)) + ".dbn.zst"
    }

    /// Checks what would otherwise come back as a 422 after a round trip.
    func validate() throws {
        for (name, value) in [("dataset", dataset), ("schema", schema), ("start", start), ("end", end)] where value.isEmpty {
            throw EdgehostError(code: "usage", object: "--\(name)", "is required", exit: .usage)
        }
        guard !symbols.isEmpty, symbols.allSatisfy({ !$0.isEmpty }) else {
            throw EdgehostError(code: "usage", object: "--symbols", "give at least one symbol (e.g. ESH4 or ES.FUT with --stype-in parent)", exit: .usage)
        }
        if let limit, limit <= 0 { throw EdgehostError(code: "usage", object: "--limit", "must be positive (got \(limit))", exit: .usage) }
    }
}
