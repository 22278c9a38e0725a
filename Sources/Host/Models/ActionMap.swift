import PackKit

/// What trading a predicted class means: the matrix column holding its realised outcome, or
/// nothing for a class that calls for no trade. The backtester and the alerts know only this,
/// not what the pack trades.
public struct ActionMap: Sendable, Equatable {
    /// Label value → action name (`UP` → `call`).
    public let actions: [String: String]
    public static let noTrade = "none"

    /// The pack's `actions` for these classes; a class it does not name trades
    /// `outcome_<class in lower case>` when the matrix has that column.
    public init(classes: [String], declared: [String: String], outcomeNames: [String]) throws(WorkspaceError) {
        var actions: [String: String] = [:]
        for label in classes {
            let action = declared[label] ?? label.lowercased()
            guard action == ActionMap.noTrade || outcomeNames.contains("outcome_\(action)") else {
                throw WorkspaceError("label '\(label)' trades '\(action)', but the matrix has no column outcome_\(action) (it has \(outcomeNames.joined(separator: ", "))): declare `actions:` in the pack's defaults.yaml")
            }
            actions[label] = action
        }
        self.actions = actions
    }

    public init(json: JSON) {
        var actions: [String: String] = [:]
        if case .object(let o) = json { for (k, v) in o { actions[k] = v.stringValue } }
        self.actions = actions
    }

    /// The action for `label`, or nil when it means no trade.
    public func action(_ label: String) -> String? {
        guard let a = actions[label], a != ActionMap.noTrade else { return nil }
        return a
    }

    public var json: JSON { .object(actions.mapValues(JSON.string)) }
}
