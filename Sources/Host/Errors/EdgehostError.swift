import DBN
import Foundation
import Indicators
import PackKit

/// The one error a user meets, whatever failed: a stable code (listed in the README with what
/// to do), the file or object concerned, the message, the underlying cause, and the exit status
/// of its class. Every error the host throws converts to it (`init(_:)`), so front ends report
/// and exit alike.
public struct EdgehostError: Error, CustomStringConvertible, Sendable {
    /// The process exit status of a class of errors (sysexits.h values where one fits).
    public enum Exit: Int32, Sendable {
        /// A gate or check failed (the command ran and said no).
        case checkFailed = 1
        case usage = 64
        /// Bad input or data: a file, a model, a pack or its output that cannot be used.
        case badInput = 65
        /// A service could not be reached (a database).
        case unavailable = 69
        /// A bug: an unexpected state in the host or a pack.
        case internalError = 70
        /// A file or network operation failed.
        case io = 74
        /// Not ready to serve (EX_CONFIG): `live` found no active model, a model whose features
        /// differ from the data's, or one trained too long ago; it stops before its loop.
        case notReady = 78
    }

    /// One spelling per failure; `PluginError`'s codes keep theirs.
    public var code: String
    /// The file or object concerned, when known.
    public var object: String?
    public var message: String
    public var exit: Exit
    /// The error this one reports.
    public var cause: (any Error & Sendable)?

    public init(code: String, object: String? = nil, _ message: String, exit: Exit, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.object = object
        self.message = message
        self.exit = exit
        self.cause = cause
    }

    /// Classifies any error the host or a pack can throw.
    public init(_ error: any Error) {
        switch error {
        case let e as EdgehostError:
            self = e
        case let e as PluginError:
            self.init(code: e.code.rawValue, object: e.file, e.message, exit: Self.exit(e), cause: e)
        case let e as StoreError where e.operation == "address":
            // A --db value that names no database is bad input.
            self.init(code: "store-address", object: e.location, e.message, exit: .badInput, cause: e)
        case let e as StoreError:
            // Reaching the database is a service being unavailable; a statement it rejects is I/O with it.
            let connect = e.operation == "connect"
            self.init(code: connect ? "store-unavailable" : "store-failed", object: e.location, "\(e.operation): \(e.message)",
                      exit: connect ? .unavailable : .io, cause: e)
        case let e as DBNError:
            self.init(dbn: e)
        case let e as CausalityError:
            self.init(code: "causality", e.message, exit: .badInput, cause: e)
        case let e as XGBoostError:
            self.init(code: "xgboost-failed", e.description, exit: .internalError, cause: e)
        case _ where Self.isBadInput(error):
            self.init(code: "bad-input", "\(error)", exit: .badInput, cause: error)
        case let e as CocoaError:
            self.init(code: "io", object: e.filePath, e.localizedDescription, exit: .io, cause: e)
        case let e as POSIXError:
            self.init(code: "io", e.localizedDescription, exit: .io, cause: e)
        default:
            self.init(code: "internal", "\(error)", exit: .internalError)
        }
    }

    /// Errors that say an input (a model, file, date, parameter, YAML/JSON, data) cannot be used.
    static func isBadInput(_ error: any Error) -> Bool {
        error is WorkspaceError || error is RuleSweepError || error is JSONError || error is ComponentError
            || error is FrameError || error is IndicatorError
    }

    /// A pack's own status decides: its I/O failures are I/O, its bugs are internal.
    static func exit(_ e: PluginError) -> Exit {
        if e.code == .missingFile { return .io }
        switch e.packStatus {
        case 3?: return .io                // EDGEHOST_ERR_IO
        case 5?, 6?: return .internalError // EDGEHOST_ERR_INTERNAL, EDGEHOST_ERR_NO_MEMORY
        default: return .badInput
        }
    }

    /// `<object>: <message> [<code>]`, as the command line prints it after `Error: `.
    public var description: String {
        "\(object.map { "\($0): " } ?? "")\(message) [\(code)]"
    }
}
