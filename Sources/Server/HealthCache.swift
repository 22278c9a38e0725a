import Foundation
import Host

/// `/healthz`'s answer, reused for one second. Probes (load balancers, orchestrators, `wrk`)
/// call it thousands of times a second; counting the leaderboard and listing the registry each
/// time would make the probe the server's heaviest route. A second-old answer is as good to a
/// probe, and a failing store still shows within that second.
final class HealthCache: Sendable {
    static let lifetime: Duration = .seconds(1)
    private let latest = Locked<(at: ContinuousClock.Instant, ok: Bool, body: [UInt8])?>(nil)

    /// The cached answer when fresh, else `compute()`'s (which then becomes the cached one).
    func answer(_ compute: @escaping @Sendable () throws -> HealthReport) async throws -> (ok: Bool, body: [UInt8]) {
        let now = ContinuousClock.now
        if let cached = latest.withLock({ $0 }), now - cached.at < Self.lifetime { return (cached.ok, cached.body) }
        let report = try await blocking(compute)
        let body = report.json.utf8 + [UInt8(ascii: "\n")]
        latest.withLock { $0 = (now, report.ok, body) }
        return (report.ok, body)
    }
}
