import PluginAPI
import Testing

/// The generic component handle reads `last_error` and `destroy` at the offsets of the gate's
/// layout: every kind must start with the same EDGEHOST_INSTANCE_COMMON prefix.
@Suite struct ComponentHandleTests {
    @Test func everyKindSharesTheInstancePrefix() {
        let lastError = MemoryLayout<edgehost_gate_t>.offset(of: \.last_error)
        let destroy = MemoryLayout<edgehost_gate_t>.offset(of: \.destroy)
        #expect(lastError == MemoryLayout<edgehost_struct_header_t>.size + MemoryLayout<UnsafeRawPointer>.size)
        #expect(destroy == lastError.map { $0 + MemoryLayout<UnsafeRawPointer>.size })
        #expect(MemoryLayout<edgehost_data_adapter_t>.offset(of: \.last_error) == lastError)
        #expect(MemoryLayout<edgehost_indicator_t>.offset(of: \.last_error) == lastError)
        #expect(MemoryLayout<edgehost_labeler_t>.offset(of: \.last_error) == lastError)
        #expect(MemoryLayout<edgehost_risk_profile_t>.offset(of: \.last_error) == lastError)
        #expect(MemoryLayout<edgehost_data_adapter_t>.offset(of: \.destroy) == destroy)
        #expect(MemoryLayout<edgehost_indicator_t>.offset(of: \.destroy) == destroy)
        #expect(MemoryLayout<edgehost_labeler_t>.offset(of: \.destroy) == destroy)
        #expect(MemoryLayout<edgehost_risk_profile_t>.offset(of: \.destroy) == destroy)
    }
}
