import PackKit

/// A component named in a configuration: which pack, which id, with which parameters.
public struct ComponentRef: Sendable, Equatable {
    public var pack: String
    public var id: String
    public var params: [String: JSON]

    public init(pack: String, id: String, params: [String: JSON] = [:]) {
        self.pack = pack
        self.id = id
        self.params = params
    }

    /// `{ pack: p, id: x, params: {…} }`; `pack` defaults to `defaultPack`.
    public init(_ json: JSON, defaultPack: String, context: String) throws(WorkspaceError) {
        var r = try ObjectReader(json, context: context)
        pack = try r.optionalString("pack") ?? defaultPack
        id = try r.string("id")
        params = try r.object("params")
        try r.finish()
    }

    public var json: JSON {
        .object(["pack": .string(pack), "id": .string(id), "params": .object(params)])
    }
}
