@testable import Host
import PackKit
import Testing

/// `event_outputs:` in a pack's defaults: `row_fields` (the features live rows also carry).
@Suite struct EventOutputSpecTests {
    static func spec(_ extra: [String: JSON]) throws -> EventOutputSpec {
        var o: [String: JSON] = ["event": .string("BREACHED"), "name": .string("breach"), "credit": .string("x_put_credit"),
                                 "mid": .string("x_put_mid"), "risk_neutral": .string("x_rn_breach")]
        o.merge(extra) { _, new in new }
        return try EventOutputSpec(.object(o), source: "defaults.yaml")
    }

    @Test func rowFieldsAreRowFeaturesAndOptional() throws {
        #expect(try Self.spec([:]).rowFields == [])
        #expect(try Self.spec(["row_fields": .strings(["x_strike_return"])]).rowFields == ["x_strike_return"])
        // signals.csv keeps its columns whatever the live rows carry.
        #expect(try Self.spec(["row_fields": .strings(["x_strike_return"])]).columns.count == 7)
        for bad: JSON in [.strings(["strike_return"]), .array([.number(1)]), .string("x_strike_return"), .strings(["x_"])] {
            let error = #expect(throws: WorkspaceError.self) { try Self.spec(["row_fields": bad]) }
            #expect(error?.message.contains("row_fields") == true, "\(bad.text): \(error?.message ?? "no error")")
        }
    }
}
