import PackKit
import ZeroDTEPut

// The C entry (ZeroDTEPutEntry/entry.c) calls this to obtain the definition; the constant pins its signature.
@_cdecl("edgehost_swift_pack")
public func edgehostSwiftPack() -> PackHandle { exportPack(ZeroDTEPutPack.definition) }
private let pinned: SwiftPackFunction = edgehostSwiftPack
