import PackKit

let polygonAdapter = DataAdapter(ComponentInfo(id: "polygon", description: "Polygon.io (not yet implemented)", outputs: [.timestamp("ts")])) { _, _ in
    throw ComponentError("not implemented")
}
