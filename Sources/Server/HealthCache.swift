import Foundation
import Host
import NIOCore

/// `/healthz`'s answer, reused for one second. Probes (load balancers, orchestrators, `wrk`)
/// call it thousands of times a second; counting the leaderboard and listing the registry each
/// time would make the probe the server's heaviest route. A second-old answer is as good to a
/// probe, and a failing store still shows within that second.
final class HealthCache: Sendable {
    static let lifetime: Duration = .seconds(1)

    private struct Kept {
        var at: ContinuousClock.Instant
        var ok: Bool
        /// The buffer responses send: shared between them, never copied per request.
        var body: ByteBuffer
        var refreshing = false
    }

    private let latest = Locked<Kept?>(nil)

    /// The kept answer when fresh, else `compute()`'s (which is then kept). One request
    /// refreshes an expired answer; the others meanwhile get the expired one, so the requests in
    /// flight at the turn of the second do not all compute it at once.
    func answer(_ compute: @escaping @Sendable () throws -> HealthReport) async throws -> (ok: Bool, body: ByteBuffer) {
        let now = ContinuousClock.now
        let kept = latest.withLock { kept -> Kept? in
            guard var k = kept, now - k.at >= Self.lifetime, !k.refreshing else { return kept }
            k.refreshing = true
            kept = k
            return nil
        }
        if let kept, now - kept.at < Self.lifetime || kept.refreshing { return (kept.ok, kept.body) }
        let report: HealthReport
        do {
            report = try await blocking(compute)
        } catch {
            latest.withLock { $0?.refreshing = false }
            throw error
        }
        let body = ByteBuffer(bytes: report.json.utf8 + [UInt8(ascii: "\n")])
        latest.withLock { $0 = Kept(at: now, ok: report.ok, body: body) }
        return (report.ok, body)
    }
}
