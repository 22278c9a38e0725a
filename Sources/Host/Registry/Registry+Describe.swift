import Foundation
import PackKit

extension Registry {
    /// The slot `entry` holds, if any.
    public func slot(of entry: RegistryEntry) throws -> RegistrySlot? {
        try RegistrySlot.allCases.first { try slot($0, model: entry.modelID) == entry }
    }

    /// An entry as `registry list --json` and the API show it: its fields plus its slot (null when none).
    public func describe(_ entry: RegistryEntry, slot: RegistrySlot?) -> JSON {
        guard case .object(var o) = entry.json else { return entry.json }
        o["slot"] = slot.map { .string($0.rawValue) } ?? .null
        return .object(o)
    }

    /// Every entry (or one model's), described with its slot.
    public func describedEntries(model: String?) throws -> [JSON] {
        let entries = try entries(model: model)
        var slots: [String: RegistrySlot] = [:]
        for m in Set(entries.map(\.modelID)) {
            for slot in RegistrySlot.allCases { if let e = try self.slot(slot, model: m) { slots[e.id] = slot } }
        }
        return entries.map { describe($0, slot: slots[$0.id]) }
    }
}

extension ModelPlan {
    /// A model's settings resolved against its pack, as `models show` and `GET /models/{id}` give them.
    public var showJSON: JSON {
        guard case .object(var o) = configJSON else { return configJSON }
        o["config_sha"] = .string(configSHA)
        o["indicator_set_source"] = .string(indicatorSet.source)
        return .object(o)
    }
}
