import Foundation
import Host
import PackKit
import Testing

/// One deliberately broken pack per failure the loader must report; none may crash the host.
@Suite struct BrokenPackTests {
    @Test func missingFile() {
        Fixtures.expectError(.missingFile, ["/nonexistent/libnothing.so", "no such file"]) {
            _ = try Fixtures.catalogue(["/nonexistent/libnothing.so"])
        }
    }

    @Test func notAnELFSharedObject() throws {
        let path = try Fixtures.cPack("broken_not_elf")
        Fixtures.expectError(.notSharedObject, [path, "not an ELF shared object"]) { _ = try Fixtures.catalogue([path]) }
    }

    @Test func missingEntrySymbol() throws {
        let path = try Fixtures.cPack("broken_no_entry")
        Fixtures.expectError(.missingEntry, [path, "edgehost_pack_entry"]) { _ = try Fixtures.catalogue([path]) }
    }

    @Test func wrongABIMajorNamesBothVersions() throws {
        let path = try Fixtures.cPack("broken_abi_major")
        Fixtures.expectError(.abiMismatch, [path, "ABI 99.1", "host speaks ABI 1.1"]) { _ = try Fixtures.catalogue([path]) }
    }

    @Test func structSizeTooSmall() throws {
        let path = try Fixtures.cPack("broken_struct_size")
        Fixtures.expectError(.structTooSmall, [path, "struct_size 8", "needs at least"]) { _ = try Fixtures.catalogue([path]) }
    }

    @Test func duplicatePackID() throws {
        let a = try Fixtures.cPack("broken_dup_a"), b = try Fixtures.cPack("broken_dup_b")
        Fixtures.expectError(.duplicatePack, [a, b, "'duplicate'"]) { _ = try Fixtures.catalogue([a, b]) }
    }

    @Test func initFailsWithItsMessage() throws {
        let path = try Fixtures.cPack("broken_init_fails")
        Fixtures.expectError(.initFailed, [path, "license file /etc/edgehost/demo.lic not found"]) { _ = try Fixtures.catalogue([path]) }
    }

    @Test func noFactory() throws {
        let catalogue = try Fixtures.catalogue([try Fixtures.cPack("broken_no_factory")])
        let pack = try catalogue.pack("nofactory")
        Fixtures.expectError(.noFactory, ["provides no edgehost.indicator/1 factory"]) { _ = try PackIndicator(pack: pack, id: "anything") }
    }

    @Test func unknownComponentAndUnknownPack() throws {
        let catalogue = try Fixtures.catalogue([try Fixtures.cPack("cpack")])
        Fixtures.expectError(.unknownComponent, ["no indicator 'nope'", "momentum"]) {
            _ = try PackIndicator(pack: try catalogue.pack("cexample"), id: "nope")
        }
        Fixtures.expectError(.unknownPack, ["no pack 'ghost'", "cexample"]) { _ = try catalogue.pack("ghost") }
    }

    @Test func factoryStructTooSmall() throws {
        let path = try Fixtures.cPack("broken_factory_size")
        Fixtures.expectError(.invalidEntry, [path, "struct_size 4"]) { _ = try Fixtures.catalogue([path]) }
    }

    @Test func componentErrorStatusCarriesItsMessage() throws {
        let pack = try Fixtures.catalogue([try Fixtures.cPack("broken_status")]).packs[0]
        let indicator = try PackIndicator(pack: pack, id: "fails")
        Fixtures.expectError(.componentFailed, ["'broken_status.fails'", "status 2", "input has only 3 rows, need 50"]) {
            _ = try indicator.compute(try Self.bars(rows: 3))
        }
    }

    @Test func wrongRowCount() throws {
        let pack = try Fixtures.catalogue([try Fixtures.cPack("broken_row_count")]).packs[0]
        let indicator = try PackIndicator(pack: pack, id: "short_output")
        Fixtures.expectError(.wrongRowCount, ["returned 99 rows for 100 input rows"]) { _ = try indicator.compute(try Self.bars(rows: 100)) }
    }

    @Test func nanAndInfWhereTheDescriptorForbidsThem() throws {
        let pack = try Fixtures.catalogue([try Fixtures.cPack("broken_nan")]).packs[0]
        Fixtures.expectError(.nonFiniteOutput, ["'value' is nan at row 5", "allows no NaN"]) {
            _ = try PackIndicator(pack: pack, id: "makes_nan").compute(try Self.bars(rows: 20))
        }
        Fixtures.expectError(.nonFiniteOutput, ["'value' is inf at row 7", "allows no Inf"]) {
            _ = try PackIndicator(pack: pack, id: "makes_inf").compute(try Self.bars(rows: 20))
        }
    }

    @Test func swiftPackThatThrowsIsReportedNotCrashed() throws {
        let pack = try Fixtures.catalogue([Fixtures.swiftPack("swiftexample")]).pack("swiftexample")
        let indicator = try PackIndicator(pack: pack, id: "ema")
        let noClose = try Frame([.timestamp("ts", [1, 2, 3]), .float64("open", [1, 2, 3])])
        Fixtures.expectError(.componentFailed, ["'swiftexample.ema'", "missing column 'close'"]) { _ = try indicator.compute(noClose) }
        // The instance stays usable after an error.
        #expect(try indicator.compute(try Self.bars(rows: 30)).rowCount == 30)
        let gate = try PackGate(pack: pack, id: "min_rows")
        Fixtures.expectError(.componentFailed, ["facts lack 'rows'"]) { _ = try gate.evaluate(.object([:])) }
    }

    @Test func parametersAreValidatedBeforeThePackSeesThem() throws {
        let pack = try Fixtures.catalogue([try Fixtures.cPack("cpack")]).pack("cexample")
        Fixtures.expectError(.invalidParameters, ["period", "below its minimum 1"]) {
            _ = try PackIndicator(pack: pack, id: "momentum", params: ["period": .number(0)])
        }
        Fixtures.expectError(.invalidParameters, ["unknown parameter 'perod'", "known: period"]) {
            _ = try PackIndicator(pack: pack, id: "momentum", params: ["perod": .number(3)])
        }
        Fixtures.expectError(.invalidParameters, ["'period' must be int", "2.5"]) {
            _ = try PackIndicator(pack: pack, id: "momentum", params: ["period": .number(2.5)])
        }
    }

    static func bars(rows: Int) throws -> Frame {
        let close = (0..<rows).map { 100 + Double($0) }
        return try Frame([.timestamp("ts", (0..<rows).map { Int64($0) * 60_000_000_000 }),
                          .float64("open", close), .float64("high", close.map { $0 + 1 }),
                          .float64("low", close.map { $0 - 1 }), .float64("close", close), .float64("volume", close)])
    }
}
