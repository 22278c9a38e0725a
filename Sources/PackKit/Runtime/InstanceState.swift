import PluginAPI

/// What an instance's `state` points to: the component, its parameters, and the message
/// buffers the ABI says stay valid until the next call.
final class InstanceState<Component> {
    let component: Component
    let params: Params
    let error = CMessage()
    /// JSON results of gates and risk profiles.
    let output = CMessage()

    init(_ component: Component, _ params: Params) {
        self.component = component
        self.params = params
    }

    var retained: UnsafeMutableRawPointer { Unmanaged.passRetained(self).toOpaque() }

    static func from(_ raw: UnsafeMutableRawPointer?) -> InstanceState {
        Unmanaged<InstanceState>.fromOpaque(raw!).takeUnretainedValue()
    }

    static func release(_ raw: UnsafeMutableRawPointer?) {
        guard let raw else { return }
        Unmanaged<InstanceState>.fromOpaque(raw).release()
    }

    /// Runs pack code; whatever it throws becomes a status and `last_error`, never an unwind.
    func run(_ body: () throws -> Void) -> edgehost_status_t {
        do {
            try body()
            return EDGEHOST_OK
        } catch let error as ComponentError {
            self.error.set(error.message)
            return error.status
        } catch let error as FrameError {
            self.error.set(error.message)
            return EDGEHOST_ERR_INVALID_ARGUMENT
        } catch {
            self.error.set("\(type(of: error)): \(error)")
            return EDGEHOST_ERR_INTERNAL
        }
    }
}

/// Reads a host-owned input batch for the duration of one call.
func borrowedFrame(_ schema: UnsafePointer<ArrowSchema>?, _ array: UnsafePointer<ArrowArray>?) throws -> Frame {
    guard let schema, let array else { throw ComponentError("input batch is NULL") }
    return try Frame(arrowSchema: UnsafeMutablePointer(mutating: schema), array: UnsafeMutablePointer(mutating: array), ownership: .borrow)
}

func requireOutput(_ schema: UnsafeMutablePointer<ArrowSchema>?, _ array: UnsafeMutablePointer<ArrowArray>?) throws
    -> (UnsafeMutablePointer<ArrowSchema>, UnsafeMutablePointer<ArrowArray>) {
    guard let schema, let array else { throw ComponentError("output structs are NULL") }
    return (schema, array)
}
