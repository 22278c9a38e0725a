import Foundation
import MarketKit
import PackKit

/// `edgehost events --pack P --date D`: one session's decisions as the pack's labeler makes
/// them from its default (or the given) adapter, with their keys, labels, the labeler's text
/// columns (es0dte: `level_kind`, `direction`) and realised outcomes. No build and no model:
/// a research view of what the matrix's rows are.
public struct EventListing: Sendable {
    public struct Event: Sendable {
        public var ts: Int64
        public var key: String?
        public var label: String
        /// The labeler's other utf8 columns, in its order.
        public var text: [(name: String, value: String)]
        public var outcomes: [(name: String, value: Double)]
    }

    public let pack: String
    public let date: Int32
    public let events: [Event]
    /// What the adapter said about its data (e.g. which inputs are simulated).
    public let warnings: [String]

    /// Days of data read before `date`, so levels and averages that need history have it.
    public static let historyDays: Int32 = 7

    public init(pack: String, date: Int32, catalogue: PackCatalogue, workspace: Workspace,
                adapter: ComponentRef? = nil, query: [String: JSON] = [:]) throws {
        let defaults = try PackDefaults(pack: try catalogue.pack(pack))
        let config = try ModelConfig(json: .object(["pack": .string(pack)]), context: "pack \(pack) defaults") { _ in defaults }
        let plan = try ModelPlan(config: config, catalogue: catalogue, workspace: workspace, adapter: adapter, query: query)
        let source = try PackDataAdapter(pack: try catalogue.pack(plan.adapter.pack), id: plan.adapter.id, params: plan.adapter.params)
        let labeler = try PackLabeler(pack: try catalogue.pack(plan.labeler.pack), id: plan.labeler.id, params: plan.labeler.params)
        let venue = try source.market()
        var q = plan.query
        q["symbol"] = .string(plan.config.ticker)
        q["start"] = .string(Timestamps.date(date - EventListing.historyDays))
        q["end"] = .string(Timestamps.date(date))
        let (market, warnings) = try Log.capturingPackWarnings { try source.read(.object(q)) }
        let frame = try labeler.label(market)
        let ts = try frame.timestamps()
        let labels = try LabelColumns.text(frame, "label")
        let keys = frame["key"] == nil ? nil : try frame.utf8("key")
        let textNames = frame.columnNames.filter { name in
            if case .utf8? = frame[name], !["label", "key"].contains(name) { return true }
            return false
        }
        let texts = try textNames.map { try frame.utf8($0) }
        let outcomeNames = frame.columnNames.filter { $0.hasPrefix("outcome_") }
        let outcomes = try outcomeNames.map { try frame.float64($0) }
        self.pack = pack
        self.date = date
        self.warnings = warnings
        events = (0..<frame.rowCount).filter { venue.day(ts[$0]) == date }.map { i in
            Event(ts: ts[i], key: keys?[i], label: labels[i], text: zip(textNames, texts).map { ($0, $1[i]) },
                  outcomes: zip(outcomeNames, outcomes).map { ($0, $1[i]) })
        }
    }

    /// One JSON object per event: ts, event_id (the key), outcome (the label), the text columns, outcome_….
    public var json: JSON {
        .array(events.map { e in
            var o: [String: JSON] = ["ts": .string(Timestamps.iso(e.ts)), "outcome": .string(e.label)]
            if let key = e.key { o["event_id"] = .string(key) }
            for (name, value) in e.text { o[name] = .string(value) }
            for (name, value) in e.outcomes { o[name] = value.isFinite ? .number(value) : .null }
            return .object(o)
        })
    }

    /// A table: ts, event_id, the text columns, outcome, then the outcome_… returns.
    public var lines: [String] {
        let textNames = events.first?.text.map(\.name) ?? []
        let outcomeNames = events.first?.outcomes.map(\.name) ?? []
        let header = ["ts", "event_id"] + textNames + ["outcome"] + outcomeNames
        return [header.joined(separator: "  ")] + events.map { e in
            ([Timestamps.iso(e.ts), e.key ?? "-"] + e.text.map(\.value) + [e.label] + e.outcomes.map { String(format: "%.5f", $0.value) })
                .joined(separator: "  ")
        }
    }
}
