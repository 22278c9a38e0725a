import Foundation
import Host
import Hummingbird
import PackKit

/// `GET /leaderboard?model=&pass_gate_only=&top=&metric=`: the CLI's `leaderboard --json`.
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
            let rows = try state.withLeaderboard { try $0.ranked(model: model, metric: metric, top: top, passGateOnly: passGateOnly) }
            return Reply.json(.array(rows.map(\.json)))
        }
    }
}
