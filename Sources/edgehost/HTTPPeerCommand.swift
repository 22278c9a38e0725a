import ArgumentParser
import EdgehostServer
import Foundation

extension Bench {
    /// `Benchmarks/server/bench.sh` measures this beside `edgehost serve` in the same run.
    struct HTTPPeer: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "http-peer",
            abstract: "A bare Hummingbird server (GET /hello, no middleware): the server benchmark's peer.")

        @Option(help: "Port (0 picks a free one, printed at start).") var port = 0

        func run() throws {
            EdgehostServer.runConcurrencyOnEventLoops()
            try waitFor {
                try await PeerServer.run(host: "127.0.0.1", port: port) { port in
                    FileHandle.standardOutput.write(Data("edgehost bench http-peer: listening on http://127.0.0.1:\(port)\n".utf8))
                }
            }
        }
    }
}
