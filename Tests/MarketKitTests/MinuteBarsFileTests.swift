import Foundation
import MarketKit
import PackKit
import Testing

@Suite struct MinuteBarsFileTests {
    @Test(.enabled(if: SharedData.exists(SharedData.spyBars), "needs ../shared/data/spy/SPY_1m_2024.csv"))
    func readsTheRealFile() throws {
        let bars = try MinuteBarsFile.read(path: SharedData.spyBars)
        #expect(bars.rowCount == 75_707)
        #expect(bars.columnNames == MarketFrame.barColumns)
        let ts = try bars.timestamps(), open = try bars.float64("open"), volume = try bars.float64("volume")
        // First row: 2024-03-26T13:30:00Z,521.23,521.26,520.92,521.01,342898
        #expect(ts[0] == utc("2024-03-26T13:30:00Z"))
        #expect(open[0] == 521.23 && volume[0] == 342_898)
        let july = try MinuteBarsFile.read(path: SharedData.spyBars, from: newYork("2024-07-01", 0, 0), to: newYork("2024-07-02", 0, 0))
        let julyTs = try july.timestamps()
        #expect(july.rowCount > 0 && julyTs.allSatisfy { $0 >= newYork("2024-07-01", 0, 0) && $0 < newYork("2024-07-02", 0, 0) })
    }

    /// Each case: file text, the line the error must name, a fragment of the message.
    static let broken: [(String, Int, String)] = [
        ("ts,open,high,low,close,volume\n2024-03-26T13:30:00Z,1,2,0.5,1.5,100\n2024-03-26T13:3:00Z,1,2,0.5,1.5,100\n", 3, "bad timestamp"),
        ("ts,open,high,low,close,volume\n2024-03-26T13:30:00Z,1,2,0.5,1.5,100\n2024-03-26T13:31:00Z,1,2x,0.5,1.5,100\n", 3, "bad number '2x'"),
        ("ts,open,high,low,close,volume\n2024-03-26T13:30:00Z,1,2,0.5,1.5,100\n\n2024-03-26T13:31:00Z,1,2,0.5,1.5\n", 4, "expected 6 fields, got 5"),
        ("2024-03-26T13:30:00Z,1,2,0.5,1.5,100\n", 1, "missing header"),
        ("ts,open,high,low,close,volume\r\n2024-03-26T13:31:00Z,1,2,0.5,1.5,100\r\n2024-03-26T13:30:00Z,1,2,0.5,1.5,100\r\n", 3, "not after"),
        // Values that once trapped downstream (strike rounding): refused here, with the line.
        ("ts,open,high,low,close,volume\n2024-07-01T13:30:00Z,545,546,544,NaN,1000\n", 2, "close 'NaN' is not a finite number"),
        ("ts,open,high,low,close,volume\n2024-07-01T13:30:00Z,545,546,544,1e19,1000\n", 2, "close '1e19' is above the largest price accepted (1000000000.0)"),
        ("ts,open,high,low,close,volume\n2024-07-01T13:30:00Z,1e300,546,544,545,1000\n", 2, "open '1e300' is above"),
        ("ts,open,high,low,close,volume\n2024-07-01T13:30:00Z,545,546,544,545,nan\n", 2, "volume 'nan' is not a finite number"),
        // Years outside Int64 nanoseconds (1677-09-21 … 2262-04-11) once overflowed; a final row too.
        ("ts,open,high,low,close,volume\n0001-07-01T13:30:00Z,545,546,544,545,1000\n", 2, "bad timestamp '0001-07-01T13:30:00Z'"),
        ("ts,open,high,low,close,volume\n2024-07-01T13:30:00Z,545,546,544,545,1000\n2300-07-01T13:30:00Z,545,546,544,545,1000\n", 3, "years 1678–2261"),
        ("ts,open,high,low,close,volume\n2024-07-01T13:30:00Z,545,546,544,545,1000\n9999-12-31T23:59:59Z,545,546,544,545,1000", 3, "bad timestamp '9999-12-31T23:59:59Z'"),
        ("ts,open,high,low,close,volume\n2262-04-11T23:47:17Z,545,546,544,545,1000\n", 2, "bad timestamp"),
        ("ts,open,high,low,close,volume\n2024-03-26T13:30:00Z,1,2,-0.5,1.5,100\n", 2, "low -0.5 is not a positive price"),
        ("ts,open,high,low,close,volume\n2024-03-26T13:30:00Z,0,0,0,0,0\n", 2, "open 0 is not a positive price"),
        ("ts,open,high,low,close,volume\n2024-03-26T13:30:00Z,1,2,0.5,1.5,-1\n", 2, "volume -1 is negative"),
        ("ts,open,high,low,close,volume\n\u{1B}[2J\u{07},1,2,0.5,1.5,1\n", 2, #"bad timestamp '\x1b[2J\x07'"#),
    ]

    @Test func byteOrderMarkIsNotPartOfTheHeader() throws {
        let path = try SharedData.temporaryFolder() + "/bars.csv"
        try SharedData.write("\u{FEFF}ts,open,high,low,close,volume\n2024-03-26T13:30:00Z,1,2,0.5,1.5,100\n", to: path)
        #expect(try MinuteBarsFile.read(path: path).rowCount == 1)
    }

    @Test func filesPastTheSizeLimitAreRefusedUnread() throws {
        let path = try SharedData.temporaryFolder() + "/huge.csv"
        // Sparse: 1 GiB + 1 byte on paper, nothing on disk.
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: (1 << 30) + 1)
        try handle.close()
        let error = #expect(throws: ComponentError.self) { try MinuteBarsFile.read(path: path) }
        #expect(error?.message == "\(path): 1073741825 bytes, more than the limit of 1073741824 for a CSV file")
    }

    @Test(arguments: 0..<broken.count)
    func malformedFilesNameFileAndLine(_ index: Int) throws {
        let (text, line, fragment) = Self.broken[index]
        let path = try SharedData.temporaryFolder() + "/bars.csv"
        try SharedData.write(text, to: path)
        let error = #expect(throws: ComponentError.self) { try MinuteBarsFile.read(path: path) }
        #expect(error?.message.hasPrefix("\(path):\(line): ") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains(fragment) == true, "\(error?.message ?? "")")
    }

    @Test func parsesNumbersAndFractionalTimestampsExactly() throws {
        let path = try SharedData.temporaryFolder() + "/bars.csv"
        try SharedData.write("ts,open,high,low,close,volume\n2024-03-26T13:30:00.5Z,0.1,1e3,+2.50,007.125,12345678901234567890\n", to: path)
        let bars = try MinuteBarsFile.read(path: path)
        #expect(try bars.timestamps()[0] == utc("2024-03-26T13:30:00Z") + 500_000_000)
        #expect(try bars.float64("open")[0] == 0.1)
        #expect(try bars.float64("high")[0] == 1000)
        #expect(try bars.float64("low")[0] == 2.5)  // prices are positive; a sign may still be written
        #expect(try bars.float64("close")[0] == 7.125)
        #expect(try bars.float64("volume")[0] == 12345678901234567890.0)
    }

    @Test func missingFileIsAClearError() {
        let error = #expect(throws: ComponentError.self) { try MinuteBarsFile.read(path: "/nonexistent/bars.csv") }
        #expect(error?.message == "/nonexistent/bars.csv: no such file")
    }
}
