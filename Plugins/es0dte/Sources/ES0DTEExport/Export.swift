import ES0DTE
import PackKit

// The C entry (ES0DTEEntry/entry.c) calls this to obtain the definition; the constant pins its signature.
@_cdecl("edgehost_swift_pack")
public func edgehostSwiftPack() -> PackHandle { exportPack(ES0DTEPack.definition) }
private let pinned: SwiftPackFunction = edgehostSwiftPack
