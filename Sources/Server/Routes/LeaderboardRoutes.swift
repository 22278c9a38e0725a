import Foundation
import Host
import Hummingbird
import PackKit

/// `GET /leaderboard?model=&pass_gate_only=&top=&metric=`: the CLI's `leaderboard --json`, kept
/// while the store is unchanged (`LeaderboardPages`).
enum LeaderboardRoutes {
    static func add(to router: Router<BasicRequestContext>, state: ServerState) {
        router.get("/leaderboard") { request, _ in
            let query = Query(request)
            let model = try query.modelID("model"), top = try query.int("top", in: 1...10_000) ?? 20
            let passGateOnly = try query.bool("pass_gate_only") ?? false
            let metric = try query.string("metric").map { name in
                guard let m = LeaderboardMetric(rawValue: name) else {
                    throw query.bad("metric", "one of \(LeaderboardMetric.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return m
            } ?? .sharpe
            let key = "\(model ?? "")|\(metric.rawValue)|\(top)|\(passGateOnly)"
            let body = try await state.leaderboardPages.page(key) {
                let rows = try state.withLeaderboard { try $0.ranked(model: model, metric: metric, top: top, passGateOnly: passGateOnly) }
                return JSON.array(rows.map(\.json)).utf8 + [UInt8(ascii: "\n")]
            }
            return Reply.buffer(body, contentType: "application/json")
        }
    }
}
