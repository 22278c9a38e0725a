import Foundation
import Host
import Hummingbird

/// A request's query parameters, checked: a value that cannot be used is a 400 naming it.
struct Query {
    private let parameters: [String: String]

    init(_ request: Request) {
        var parameters: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { parameters[String(key)] = String(value) }
        self.parameters = parameters
    }

    func string(_ key: String) -> String? { parameters[key].flatMap { $0.isEmpty ? nil : $0 } }

    func modelID(_ key: String) throws -> String? {
        guard let id = string(key) else { return nil }
        try ModelID.check(id)
        return id
    }

    func int(_ key: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = string(key) else { return nil }
        guard let n = Int(text), range.contains(n) else { throw bad(key, "a whole number in \(range.lowerBound)…\(range.upperBound)") }
        return n
    }

    func bool(_ key: String) throws -> Bool? {
        guard let text = string(key) else { return nil }
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw bad(key, "true or false")
        }
    }

    func bad(_ key: String, _ expected: String) -> Problem {
        Problem(.badRequest, code: "bad-input", "query parameter '\(key)' must be \(expected)", exit: .badInput)
    }
}
