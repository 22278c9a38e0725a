@testable import ZeroEdge
import Testing

@Suite struct PackDefinitionTests {
    @Test func componentIDsAreUnique() {
        let d = ZeroEdge.definition
        for ids in [d.adapters.map(\.info.id), d.indicators.map(\.info.id), d.labelers.map(\.info.id)] {
            #expect(Set(ids).count == ids.count)
        }
    }
}
