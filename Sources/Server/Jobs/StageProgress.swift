import Host

/// The host's progress reporter. Foundation has a `Progress` and a `Host` of its own, so files that
/// import Foundation name it through this alias (this file imports only Host).
typealias StageProgress = Progress
