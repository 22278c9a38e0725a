import Foundation
@testable import Host
import Testing

/// The flag a server job's flow polls: a cancel before the last check point stops the flow; one
/// while it writes its outputs, or after it returned, is refused, so no job is ever reported
/// cancelled with its outputs written.
@Suite struct CancellationTests {
    @Test func aCancelBeforeTheLastCheckPointStopsTheFlow() {
        let c = Cancellation()
        #expect(throws: Never.self) { try c.check() }
        #expect(c.cancel() && c.isCancelled && c.cancel())
        #expect(throws: EdgehostError.self) { try c.check() }
        #expect(throws: EdgehostError.self) { try c.commit() }
        c.finish()
        #expect(c.isCancelled)
    }

    @Test func aCancelWhileTheOutputsAreWrittenIsRefusedThenTheNextStageCanBeCancelled() throws {
        let c = Cancellation()
        try c.commit()
        #expect(!c.cancel() && !c.isCancelled)
        #expect(throws: Never.self) { try c.check() }
        c.release()
        #expect(c.cancel() && c.isCancelled)
    }

    @Test func aCancelAfterTheFlowReturnedIsRefused() {
        let c = Cancellation()
        c.finish()
        #expect(!c.cancel() && !c.isCancelled)
    }

    /// Many threads racing one cancel against one commit: exactly one of them wins.
    @Test func cancelAndCommitRaceToOneWinner() {
        for _ in 0..<200 {
            let c = Cancellation()
            let results = Slots<Bool>(2)
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                _ = results.set(i, i == 0 ? c.cancel() : (try? c.commit()) != nil)
            }
            #expect(results.values.filter { $0 }.count == 1)
        }
    }
}
