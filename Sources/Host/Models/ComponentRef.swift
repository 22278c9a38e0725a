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

    /// `current` with another adapter `id` of `pack` (its parameters then start empty) and/or
    /// extra `params`; nil when neither is given.
    public static func overriding(_ current: ComponentRef?, pack: String, id: String?, params: [String: JSON]) -> ComponentRef? {
        guard id != nil || !params.isEmpty, let chosen = id ?? current?.id else { return nil }
        guard id == nil, let current else { return ComponentRef(pack: pack, id: chosen, params: params) }
        return ComponentRef(pack: current.pack, id: chosen, params: current.params.merging(params) { _, new in new })
    }
}
