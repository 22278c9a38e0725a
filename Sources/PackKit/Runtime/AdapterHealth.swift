/// What one `read` of a vendor adapter went through on the wire — requests, pages, retries,
/// reconnects, pages still pending, when the last answer came and the newest event it held —
/// reported to the host so `edgehost stream capture` can record it beside the bars
/// (`capture.json`'s `health`) without changing the frame.
///
/// It crosses the ABI as one info-level log line, `adapter-health {json}`: the host's log
/// service is the only channel back that every pack (a plain-C one too) already has, and a
/// host that does not listen shows it only in verbose logs. Figures only: never a key or a URL.
public struct AdapterHealth: Sendable, Equatable {
    /// The start of the log line; the rest is `json`.
    public static let logPrefix = "adapter-health "

    public var requests = 0
    /// Answers that carried data (a paginated endpoint's pages).
    public var pages = 0
    /// Requests repeated after a rate limit (429) or a server error (5xx).
    public var retries = 0
    /// Requests repeated after the connection failed (refused, reset, timed out).
    public var reconnects = 0
    /// Pages known to exist but not fetched when the read returned (the queue's depth).
    public var pendingPages = 0
    /// Wall clock of the last answer, ns since the epoch (UTC).
    public var lastResponseNs: Int64?
    /// The newest event time in the answers (a bar's start, a quote's time), ns UTC.
    public var lastEventNs: Int64?

    public init() {}

    public var json: JSON {
        .object([
            "requests": .number(Double(requests)), "pages": .number(Double(pages)), "retries": .number(Double(retries)),
            "reconnects": .number(Double(reconnects)), "pending_pages": .number(Double(pendingPages)),
            "last_response_ns": lastResponseNs.map { .number(Double($0)) } ?? .null,
            "last_event_ns": lastEventNs.map { .number(Double($0)) } ?? .null,
        ])
    }

    /// Reads what `json` wrote; nil when it is not that shape.
    public init?(json: JSON) {
        guard let requests = json["requests"]?.intValue, let pages = json["pages"]?.intValue, let retries = json["retries"]?.intValue,
              let reconnects = json["reconnects"]?.intValue, let pending = json["pending_pages"]?.intValue else { return nil }
        (self.requests, self.pages, self.retries, self.reconnects, pendingPages) = (requests, pages, retries, reconnects, pending)
        // Nanoseconds since the epoch stay below 2^63 but above 2^53: a double keeps them to ~0.1 µs.
        func instant(_ key: String) -> Int64? {
            guard let x = json[key]?.doubleValue, x.isFinite, abs(x) < 9.2e18 else { return nil }
            return Int64(x)
        }
        lastResponseNs = instant("last_response_ns")
        lastEventNs = instant("last_event_ns")
    }

    /// Sends the figures to the host (see the type's comment).
    public func report() {
        HostServices.log(.info, Self.logPrefix + json.text)
    }
}
