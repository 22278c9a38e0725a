import DBN
import Foundation
import Testing

/// Every shared DBN file against Databento's reference decoder, record by record, field by field.
@Suite("DBN vs databento-dbn")
struct ReferenceTests {
    @Test("every shared file decodes and equals the reference", .enabled(if: Locations.sharedFilesPresent, "../shared/data/es/dbn not found"),
          .enabled(if: Reference.available, Comment(rawValue: Reference.skipMessage)))
    func everyFileEqualsReference() throws {
        let files = Locations.sharedFiles
        #expect(files.count == 19, "expected the 19 shared DBN files, found \(files.count)")
        var versions: Set<UInt8> = []
        for path in files {
            let name = URL(fileURLWithPath: path).lastPathComponent
            let reference = try Reference.dump(path)
            let decoded = try Decoded(path: path)
            versions.insert(decoded.metadata.version)
            try compareMetadata(decoded.metadata, reference.metadata, recordCount: decoded.count, file: name)
            let records = decoded.records
            try #require(records.count == reference.records.count, "\(name): \(records.count) records, reference \(reference.records.count)")
            var mismatches: [String] = []
            for (index, (ours, theirs)) in zip(records, reference.records).enumerated() {
                if Set(ours.keys) != Set(theirs.keys) {
                    mismatches.append("record \(index): fields \(Set(ours.keys).symmetricDifference(theirs.keys).sorted()) differ")
                }
                for (field, expected) in theirs where ours[field] != expected {
                    mismatches.append("record \(index) \(field): \(ours[field] ?? "missing") != \(expected)")
                }
                if mismatches.count > 20 { break }
            }
            #expect(mismatches.isEmpty, "\(name):\n\(mismatches.joined(separator: "\n"))")
            if mismatches.isEmpty { print("\(name): DBN v\(decoded.metadata.version), \(records.count) records equal the reference") }
        }
        #expect(versions == [1, 2, 3])
    }

    private func compareMetadata(_ m: DBNMetadata, _ r: [String: Any], recordCount: Int, file: String) throws {
        #expect(Int(m.version) == r["version"] as? Int, "\(file): version")
        #expect(m.dataset == r["dataset"] as? String, "\(file): dataset")
        #expect(m.schema?.name == r["schema"] as? String, "\(file): schema")
        #expect(String(m.start) == r["start"] as? String, "\(file): start")
        #expect(m.end.map(String.init) == r["end"] as? String, "\(file): end")
        #expect(m.limit.map(String.init) == r["limit"] as? String, "\(file): limit")
        #expect(m.stypeIn?.name == r["stype_in"] as? String, "\(file): stype_in")
        #expect(m.stypeOut.name == r["stype_out"] as? String, "\(file): stype_out")
        #expect(m.tsOut == r["ts_out"] as? Bool, "\(file): ts_out")
        #expect(m.symbols == r["symbols"] as? [String], "\(file): symbols")
        #expect(m.partial == r["partial"] as? [String], "\(file): partial")
        #expect(m.notFound == r["not_found"] as? [String], "\(file): not_found")
        #expect(recordCount == r["record_count"] as? Int, "\(file): record count")
        let mappings = r["mappings"] as? [String: [[String]]] ?? [:]
        let ours = Dictionary(uniqueKeysWithValues: m.mappings.map { mapping in
            (mapping.rawSymbol, mapping.intervals.map { [DBNFormat.date($0.startDate), DBNFormat.date($0.endDate), $0.symbol] })
        })
        #expect(ours == mappings, "\(file): symbol mappings")
    }

    @Test("record layouts equal the reference's, for DBN versions 1, 2 and 3", .enabled(if: Reference.available, Comment(rawValue: Reference.skipMessage)))
    func layoutsEqualReference() throws {
        let reference = try Reference.layouts()
        // Our layout names → the Python classes of databento-dbn.
        let pythonName = ["MboMsg": "MBOMsg", "Mbp1Msg": "MBP1Msg", "Mbp10Msg": "MBP10Msg", "BboMsg": "BBOMsg",
                          "Cmbp1Msg": "CMBP1Msg", "CbboMsg": "CBBOMsg", "OhlcvMsg": "OHLCVMsg"]
        var checked: Set<String> = []
        for version: UInt8 in 1...3 {
            for layout in DBNRecordLayout.all(version: version) {
                let name = pythonName[layout.name] ?? layout.name
                let expected = try #require(reference[name], "no reference class \(name)")
                #expect(layout.size == expected.size, "\(name) v\(version): size \(layout.size) != \(expected.size)")
                let offsets = Dictionary(uniqueKeysWithValues: layout.fields.map { ($0.name, $0.offset) })
                #expect(offsets == expected.fields, "\(name) v\(version) offsets differ")
                checked.insert(name)
            }
        }
        #expect(checked == Set(reference.keys), "layouts not covered: \(Set(reference.keys).subtracting(checked))")
    }
}
