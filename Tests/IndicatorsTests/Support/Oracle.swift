import Foundation

/// Reference columns produced by `Tests/oracles/talib_reference.py` (TA-Lib + numpy).
struct Oracle {
    let rows: Int
    let columns: [String: [Double]]

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static let installHint = "install the reference with: pip install -r Tests/oracles/requirements.txt"

    /// Runs the oracle script on `csv` and reads what it wrote. A missing python3, TA-Lib or
    /// numpy is a failure, not a skip: the comparison is the point of the test.
    static func run(csv: String) throws -> Oracle {
        let python = ProcessInfo.processInfo.environment["EDGEHOST_PYTHON"] ?? "python3"
        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("edgehost-oracle-\(UUID().uuidString).bin")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, Locations.oracleScript, csv, output.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot start \(python) (\(error)); \(installHint)")
        }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: """
                \(python) \(Locations.oracleScript) exited with status \(process.terminationStatus): \
                \(message.trimmingCharacters(in: .whitespacesAndNewlines)); \(installHint)
                """)
        }
        return try read(Data(contentsOf: output))
    }

    /// Parses the script's binary format (see its docstring).
    static func read(_ data: Data) throws -> Oracle {
        let newline = UInt8(ascii: "\n")
        guard let first = data.firstIndex(of: newline),
              let second = data[(first + 1)...].firstIndex(of: newline) else {
            throw Failure(description: "oracle output has no header")
        }
        let header = String(decoding: data[..<first], as: UTF8.self).split(separator: " ")
        guard header.count == 3, header[0] == "edgehost-oracle", header[1] == "1", let rows = Int(header[2]) else {
            throw Failure(description: "unexpected oracle header \(header)")
        }
        let names = String(decoding: data[(first + 1)..<second], as: UTF8.self).split(separator: ",").map(String.init)
        let body = data[(second + 1)...]
        guard body.count == names.count * rows * 8 else {
            throw Failure(description: "oracle body has \(body.count) bytes, expected \(names.count * rows * 8)")
        }
        var columns: [String: [Double]] = [:]
        body.withUnsafeBytes { raw in
            for (index, name) in names.enumerated() {
                columns[name] = (0..<rows).map { row in
                    Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: (index * rows + row) * 8,
                                                                              as: UInt64.self)))
                }
            }
        }
        return Oracle(rows: rows, columns: columns)
    }
}
