import MarketKit
extension Matrix {
    /// The rows `indices`, in that order, with the same columns and market.
    func rows(_ indices: [Int]) -> Matrix {
        var m = Matrix(ts: indices.map { ts[$0] }, featureNames: featureNames, features: features.map { f in indices.map { f[$0] } },
                       labels: indices.map { labels[$0] }, labelEnd: indices.map { labelEnd[$0] }, outcomeNames: outcomeNames,
                       outcomes: outcomes.map { o in indices.map { o[$0] } }, market: market)
        m.keys = keys.map { k in indices.map { k[$0] } }
        return m
    }

    /// `parts` one after the other (same columns); nil when there are none.
    static func concatenating(_ parts: [Matrix]) -> Matrix? {
        guard var m = parts.first else { return nil }
        for p in parts.dropFirst() {
            m.ts += p.ts
            for f in m.features.indices { m.features[f] += p.features[f] }
            m.labels += p.labels
            m.labelEnd += p.labelEnd
            for o in m.outcomes.indices { m.outcomes[o] += p.outcomes[o] }
            if m.keys != nil { m.keys! += p.keys ?? [] }
        }
        return m
    }
}
