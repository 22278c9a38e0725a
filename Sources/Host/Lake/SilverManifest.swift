import Foundation

/// One session's (UTC date's) partition of the silver layer and what made it.
public struct SilverPartition: Codable, Sendable, Equatable {
    public struct Input: Codable, Sendable, Equatable {
        public var path: String
        public var sha256: String
    }

    public var date: String
    /// The bronze files it was built from, by path, with their hashes at build time.
    public var inputs: [Input]
    /// Relative to the lake's root.
    public var output: String
    public var sha256: String
    public var rows: Int
    /// `quotes.csv` beside the bars when the date had top-of-book files or sided trades, and its digest.
    public var quotes: String? = nil
    public var quotesSHA256: String? = nil
}

struct SilverManifest: Codable {
    var version = 1
    var format = SilverBuild.header
    var partitions: [SilverPartition] = []
}
