import PackKit

/// What `edgehost packs` and `edgehost packs show` print.
public enum PackListing {
    /// One row per pack, plus the host's builtin indicators.
    public static func table(_ catalogue: PackCatalogue) -> String {
        var rows: [[String]] = [["ID", "VERSION", "ABI", "ADAPTERS", "INDICATORS", "LABELERS", "GATES", "RISK", "PATH"]]
        for pack in catalogue.packs {
            rows.append([pack.id, pack.version, "\(pack.abiMajor).\(pack.abiMinor)"]
                + ComponentKind.allCases.map { String(pack.components[$0]?.count ?? 0) } + [pack.path])
        }
        rows.append([BuiltinIndicatorSet.packID, EdgehostVersion.current, "-", "0", String(BuiltinIndicatorSet.components.count), "0", "0", "0", "(inside the host)"])
        return TextTable.render(rows)
    }

    public static func json(_ catalogue: PackCatalogue) -> String {
        JSON.array(catalogue.packs.map { pack in
            .object([
                "id": .string(pack.id), "version": .string(pack.version), "abi": .string("\(pack.abiMajor).\(pack.abiMinor)"),
                "path": .string(pack.path), "description": .string(pack.description),
                "components": .object(Dictionary(uniqueKeysWithValues: ComponentKind.allCases.map {
                    ($0.rawValue, JSON.array((pack.components[$0] ?? []).map { .string($0.id) }))
                })),
                "resources": .array(pack.resources.keys.sorted().map(JSON.string)),
            ])
        }).text
    }

    /// Every descriptor of one pack, with parameters and causality.
    public static func show(_ catalogue: PackCatalogue, id: String) throws(PluginError) -> String {
        if id == BuiltinIndicatorSet.packID {
            return "builtin \(EdgehostVersion.current) — indicators inside the host (TA-Lib conventions)\n\n"
                + describe(.indicator, BuiltinIndicatorSet.components)
        }
        let pack = try catalogue.pack(id)
        var out = "\(pack.id) \(pack.version) — \(pack.description)\n  file: \(pack.path)\n  ABI:  \(pack.abiMajor).\(pack.abiMinor)\n\n"
        for kind in ComponentKind.allCases {
            guard let infos = pack.components[kind], !infos.isEmpty else { continue }
            out += describe(kind, infos)
        }
        if !pack.resources.isEmpty {
            out += "resources:\n" + pack.resources.keys.sorted().map { "  \($0) (\(pack.resources[$0]!.count) bytes)\n" }.joined()
        }
        return out
    }

    private static func describe(_ kind: ComponentKind, _ infos: [ComponentInfo]) -> String {
        var out = "\(kind.label) (\(kind.rawValue)):\n"
        for info in infos {
            out += "  \(info.id) \(info.version) — \(info.description)\n"
            for p in info.params {
                let bounds = [p.min.map { "min \(JSON.number($0).text)" }, p.max.map { "max \(JSON.number($0).text)" }].compactMap { $0 }
                out += "    param \(p.name): \(p.type.name) = \(p.defaultJSON ?? "(required)")"
                    + (bounds.isEmpty ? "" : " [\(bounds.joined(separator: ", "))]") + (p.description.isEmpty ? "" : " — \(p.description)") + "\n"
            }
            if !info.inputs.isEmpty { out += "    inputs:  \(info.inputs.map(columnText).joined(separator: ", "))\n" }
            if !info.outputs.isEmpty { out += "    outputs: \(info.outputs.map(columnText).joined(separator: ", "))\n" }
            out += "    causality: \(causalityText(info.causality))\n"
        }
        return out + "\n"
    }

    private static func columnText(_ c: ColumnSpec) -> String {
        let flags = [c.allowsNaN ? "NaN ok" : nil, c.allowsInfinity ? "Inf ok" : nil, c.isOptional ? "optional" : nil].compactMap { $0 }
        return "\(c.name) (\(c.format)\(flags.isEmpty ? "" : ", " + flags.joined(separator: ", ")))"
    }

    private static func causalityText(_ c: Causality) -> String {
        var parts = ["lookback \(c.lookbackBars) bars"]
        if c.lookbackNanoseconds > 0 { parts.append("lookback \(Duration.nanoseconds(c.lookbackNanoseconds))") }
        if c.availabilityLagNanoseconds > 0 { parts.append("available \(c.availabilityLagNanoseconds / 1_000_000_000)s after the bar") }
        if c.horizonBars > 0 { parts.append("label horizon \(c.horizonBars) bars") }
        if c.horizonNanoseconds > 0 { parts.append("label horizon \(c.horizonNanoseconds / 1_000_000_000)s") }
        return parts.joined(separator: ", ")
    }
}

/// Left-aligned columns separated by two spaces.
enum TextTable {
    static func render(_ rows: [[String]]) -> String {
        let widths = (0..<(rows.first?.count ?? 0)).map { col in rows.map { $0[col].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
