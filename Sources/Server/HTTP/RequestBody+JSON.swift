import Foundation
import Host
import Hummingbird
import PackKit

/// A request's JSON object, read with the host's `ObjectReader` so unknown keys are refused
/// by name, plus typed getters for the values the API takes.
struct BodyReader {
    private var reader: ObjectReader
    let context: String

    /// Reads at most `limit` bytes (413 past that); an empty body is `{}`.
    static func read(_ request: Request, limit: Int) async throws -> (body: BodyReader, json: JSON) {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw Problem(.contentTooLarge, code: "body-too-large", "the request body is \(length) bytes; at most \(limit) are accepted")
        }
        var request = request
        let buffer = try await request.collectBody(upTo: limit)
        let text = String(buffer: buffer)
        let json: JSON
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            json = .object([:])
        } else {
            do { json = try JSON.parse(text) } catch {
                throw Problem(.badRequest, code: "bad-json", "request body: \(error.message)", exit: .badInput)
            }
        }
        let context = "\(request.method.rawValue) \(request.uri.path) body"
        guard case .object = json else { throw Problem(.badRequest, code: "bad-json", "\(context): expected a JSON object", exit: .badInput) }
        return (BodyReader(reader: try ObjectReader(json, context: context), context: context), json)
    }

    private init(reader: ObjectReader, context: String) {
        self.reader = reader
        self.context = context
    }

    mutating func string(_ key: String) throws -> String? { try reader.optionalString(key) }

    mutating func requiredString(_ key: String) throws -> String { try reader.string(key) }

    /// A model id, checked with the host's one rule (400 otherwise).
    mutating func modelID(_ key: String = "model_id") throws -> String {
        let id = try reader.string(key)
        try ModelID.check(id)
        return id
    }

    mutating func bool(_ key: String) throws -> Bool? {
        guard let value = reader.value(key), value != .null else { return nil }
        guard let b = value.boolValue else { throw bad(key, "true or false") }
        return b
    }

    mutating func int(_ key: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let value = reader.value(key), value != .null else { return nil }
        guard let n = value.intValue, range.contains(n) else { throw bad(key, "a whole number in \(range.lowerBound)…\(range.upperBound)") }
        return n
    }

    mutating func double(_ key: String, in range: ClosedRange<Double>) throws -> Double? {
        guard let value = reader.value(key), value != .null else { return nil }
        guard let x = value.doubleValue, range.contains(x) else { throw bad(key, "a number in \(range.lowerBound)…\(range.upperBound)") }
        return x
    }

    /// A list of numbers, or one number, each in `range`.
    mutating func doubles(_ key: String, in range: ClosedRange<Double>) throws -> [Double]? {
        guard let value = reader.value(key), value != .null else { return nil }
        let items: [JSON] = if case .array(let a) = value { a } else { [value] }
        let numbers = items.compactMap(\.doubleValue).filter { range.contains($0) }
        guard numbers.count == items.count, !numbers.isEmpty, numbers.count <= 64 else {
            throw bad(key, "a non-empty list (at most 64) of numbers in \(range.lowerBound)…\(range.upperBound)")
        }
        return numbers
    }

    /// New York hours: a list of 0–23 or the CLI's "13,14,15".
    mutating func hours(_ key: String = "allowed_hours") throws -> [Int]? {
        guard let value = reader.value(key), value != .null else { return nil }
        let items: [JSON]
        switch value {
        case .array(let a): items = a
        case .string(let s): items = s.split(separator: ",", omittingEmptySubsequences: false).map { part in
            Int(part.trimmingCharacters(in: .whitespaces)).map { JSON.number(Double($0)) } ?? .null }
        default: items = [value]
        }
        let hours = items.compactMap(\.intValue).filter { (0...23).contains($0) }
        guard hours.count == items.count, !hours.isEmpty else { throw bad(key, "New York hours 0–23, e.g. [13, 14, 15]") }
        return Array(Set(hours)).sorted()
    }

    mutating func object(_ key: String) throws -> [String: JSON] { try reader.object(key) }

    /// Refuses any key not read (a misspelt option is an error, not silently ignored).
    func finish() throws { try reader.finish() }

    private func bad(_ key: String, _ expected: String) -> Problem {
        Problem(.badRequest, code: "bad-input", "\(context): '\(key)' must be \(expected)", exit: .badInput)
    }
}
