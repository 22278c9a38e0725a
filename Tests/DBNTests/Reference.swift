import DBN
import Foundation

/// Paths of the repository and of the shared DBN files (read in place, never copied).
enum Locations {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let dbnFolder = repo + "/../shared/data/es/dbn"
    static let mboFile = dbnFolder + "/esh4-glbx-mdp3-20231225.mbo.dbn.zst"
    static let script = repo + "/Tests/Fixtures/dbn/dump_reference.py"

    /// Every `.dbn` / `.dbn.zst` under the shared DBN folder, sorted.
    static var sharedFiles: [String] {
        let enumerator = FileManager.default.enumerator(atPath: dbnFolder)
        var files: [String] = []
        while let item = enumerator?.nextObject() as? String {
            if item.hasSuffix(".dbn") || item.hasSuffix(".dbn.zst") { files.append(dbnFolder + "/" + item) }
        }
        return files.sorted()
    }

    static var sharedFilesPresent: Bool { FileManager.default.fileExists(atPath: mboFile) }
}

/// Databento's reference decoder (`databento-dbn`, pinned), run through the fixture script.
enum Reference {
    /// Whether python3 can import the reference (`make test` installs it).
    static let available: Bool = (try? run(["-c", "import databento_dbn, zstandard, numpy"])) != nil

    static let skipMessage = "python3 cannot import databento_dbn/zstandard/numpy (make test installs them: "
        + "pip install -r Tests/oracles/requirements.txt); reference comparison skipped"

    /// Runs python3 with `arguments`; stdout, or an error with stderr.
    static func run(_ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting: a large dump would otherwise fill the pipe and block.
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ReferenceError(message: "python3 \(arguments.joined(separator: " ")) failed: \(String(decoding: errors, as: UTF8.self))")
        }
        return data
    }

    /// The reference's JSON lines: the metadata object, then one object per record (string values).
    static func dump(_ path: String) throws -> (metadata: [String: Any], records: [[String: String]]) {
        let lines = try run([Locations.script, path]).split(separator: UInt8(ascii: "\n"))
        guard let first = lines.first,
              let metadata = try JSONSerialization.jsonObject(with: Data(first)) as? [String: Any] else {
            throw ReferenceError(message: "no metadata line from the reference for \(path)")
        }
        let records = try lines.dropFirst().map { line -> [String: String] in
            guard let record = try JSONSerialization.jsonObject(with: Data(line)) as? [String: String] else {
                throw ReferenceError(message: "a record line of \(path) is not an object of strings")
            }
            return record
        }
        return (metadata, records)
    }

    /// Each reference record class: size and field offsets.
    static func layouts() throws -> [String: (size: Int, fields: [String: Int])] {
        var result: [String: (size: Int, fields: [String: Int])] = [:]
        for line in try run([Locations.script, "--layouts"]).split(separator: UInt8(ascii: "\n")) {
            let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] ?? [:]
            let fields = (object["fields"] as? [String: String] ?? [:]).compactMapValues { Int($0) }
            result[object["class"] as? String ?? ""] = (Int(object["size"] as? String ?? "") ?? -1, fields)
        }
        return result
    }
}

struct ReferenceError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// A whole file decoded: its metadata and batches.
struct Decoded {
    var metadata: DBNMetadata
    var batches: [DBNBatch]

    init(path: String, readSize: Int = 1 << 20) throws {
        let decoder = try DBNDecoder(path: path, readSize: readSize)
        metadata = decoder.metadata
        batches = []
        while let batch = try decoder.nextBatch() { batches.append(batch) }
    }

    init(bytes: [UInt8], name: String = "memory.dbn") throws {
        let decoder = try DBNDecoder(source: DBNDataSource(bytes), file: name)
        metadata = decoder.metadata
        batches = []
        while let batch = try decoder.nextBatch() { batches.append(batch) }
    }

    var count: Int { batches.reduce(0) { $0 + $1.count } }

    /// Every record as `name → raw text`, in the reference's spelling (no scaling).
    var records: [[String: String]] {
        batches.flatMap { batch in
            (0..<batch.count).map { row in
                Dictionary(uniqueKeysWithValues: batch.columns.map { ($0.name, $0.rawText(row)) })
            }
        }
    }
}
