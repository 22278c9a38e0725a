import Foundation

/// Where backtest results are kept and ranked. Backends (SQLite, PostgreSQL) share
/// this protocol and its tests, so it names no database types.
public protocol LeaderboardStore {
    /// Inserts the rows, replacing any stored row with the same key, all or nothing.
    func upsert(_ rows: [LeaderboardRow]) throws
    /// Every row, or one model's rows, ordered by key.
    func rows(model: String?) throws -> [LeaderboardRow]
    /// The best `limit` rows by `metric`: descending, missing (NaN) values last, ties by key.
    func top(model: String?, metric: LeaderboardMetric, limit: Int) throws -> [LeaderboardRow]
    func count() throws -> Int
}

/// The figures a leaderboard can be ranked by; the raw value is the column's name.
public enum LeaderboardMetric: String, CaseIterable, Sendable {
    case sharpe, sortino, deflated_sharpe, total_return, calmar, win_rate
}

/// One backtest configuration (model × risk profile × threshold × top-%) and its results.
/// NaN means "no value" (stored as NULL), so two rows are equal when their NaNs are in the
/// same fields: a row read back equals the row written.
public struct LeaderboardRow: Sendable, Equatable {
    /// Deterministic id of the configuration: rerunning it replaces the row, never duplicates it.
    public var key: String
    public var runID: String
    public var modelID: String
    public var modelVersion: String
    public var riskProfile: String
    public var threshold: Double
    public var topPct: Double?
    /// New York hours the model may trade, e.g. "13,14,15".
    public var allowedHours: String
    public var splits: Int
    public var trades: Int
    public var winRate: Double
    public var meanReturn: Double
    public var medianReturn: Double
    public var totalReturn: Double
    public var sharpe: Double
    public var sortino: Double
    public var maxDrawdown: Double
    public var calmar: Double
    public var deflatedSharpe: Double
    public var foldSharpeSpread: Double
    /// "pass" or "fail".
    public var gateStatus: String
    public var gateReasons: String
    public var matrixSHA: String
    public var configSHA: String
    public var reportPath: String
    /// ISO-8601 instant, e.g. "2024-07-01T14:00:00Z".
    public var createdAt: String

    public init(key: String, runID: String, modelID: String, modelVersion: String, riskProfile: String, threshold: Double,
                topPct: Double?, allowedHours: String, splits: Int, trades: Int, winRate: Double, meanReturn: Double,
                medianReturn: Double, totalReturn: Double, sharpe: Double, sortino: Double, maxDrawdown: Double, calmar: Double,
                deflatedSharpe: Double, foldSharpeSpread: Double, gateStatus: String, gateReasons: String, matrixSHA: String,
                configSHA: String, reportPath: String, createdAt: String) {
        self.key = key
        self.runID = runID
        self.modelID = modelID
        self.modelVersion = modelVersion
        self.riskProfile = riskProfile
        self.threshold = threshold
        self.topPct = topPct
        self.allowedHours = allowedHours
        self.splits = splits
        self.trades = trades
        self.winRate = winRate
        self.meanReturn = meanReturn
        self.medianReturn = medianReturn
        self.totalReturn = totalReturn
        self.sharpe = sharpe
        self.sortino = sortino
        self.maxDrawdown = maxDrawdown
        self.calmar = calmar
        self.deflatedSharpe = deflatedSharpe
        self.foldSharpeSpread = foldSharpeSpread
        self.gateStatus = gateStatus
        self.gateReasons = gateReasons
        self.matrixSHA = matrixSHA
        self.configSHA = configSHA
        self.reportPath = reportPath
        self.createdAt = createdAt
    }

    /// The figure `metric` ranks by.
    public func value(_ metric: LeaderboardMetric) -> Double {
        switch metric {
        case .sharpe: sharpe
        case .sortino: sortino
        case .deflated_sharpe: deflatedSharpe
        case .total_return: totalReturn
        case .calmar: calmar
        case .win_rate: winRate
        }
    }

    public static func == (a: LeaderboardRow, b: LeaderboardRow) -> Bool {
        a.texts == b.texts && a.splits == b.splits && a.trades == b.trades
            && zip(a.reals, b.reals).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }

    private var texts: [String] {
        [key, runID, modelID, modelVersion, riskProfile, allowedHours, gateStatus, gateReasons, matrixSHA, configSHA, reportPath, createdAt]
    }

    /// `topPct` is in the list as NaN when absent, which is how it is stored (NULL) too.
    private var reals: [Double] {
        [threshold, topPct ?? .nan, winRate, meanReturn, medianReturn, totalReturn, sharpe, sortino, maxDrawdown, calmar,
         deflatedSharpe, foldSharpeSpread]
    }
}

/// A store could not be opened, read or written. Names the database (file or server), what
/// was being done (usually the SQL's first words) and the database's own explanation.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public var location: String
    public var operation: String
    public var message: String

    public init(_ location: String, _ operation: String, _ message: String) {
        self.location = location
        self.operation = operation
        self.message = message
    }

    /// An error while running `sql`, which the operation names by its first three words.
    init(_ location: String, sql: String, _ message: String) {
        let words = sql.split(whereSeparator: \.isWhitespace)
        self.init(location, words.prefix(3).joined(separator: " ") + (words.count > 3 ? " …" : ""), message)
    }

    /// Redacted whole: a driver's message may quote the address it was given.
    public var description: String { Redaction.redact("\(location): \(operation): \(message)") }
}

extension LeaderboardStore {
    /// The best `top` rows by `metric`, of one model or all, only passing ones when asked.
    /// Passing rows can be anywhere in the ranking: with `passGateOnly` all are ranked, then filtered, then cut.
    public func ranked(model: String?, metric: LeaderboardMetric, top: Int, passGateOnly: Bool) throws -> [LeaderboardRow] {
        let limit = try passGateOnly ? count() : top
        return Array(try self.top(model: model, metric: metric, limit: limit).filter { !passGateOnly || $0.gateStatus == "pass" }.prefix(top))
    }
}
