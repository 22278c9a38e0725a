import CXGBoost
import Foundation

/// A failed XGBoost call, with XGBoost's own message.
public struct XGBoostError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ message: String) { description = message }
}

/// XGBoost's C API, reached only through this folder.
enum XGBoost {
    /// Turns a C API status into an error carrying `XGBGetLastError()`.
    static func check(_ status: Int32, _ call: String) throws(XGBoostError) {
        guard status != 0 else { return }
        let message = XGBGetLastError().map { String(cString: $0) } ?? "unknown error"
        throw XGBoostError("XGBoost \(call) failed: \(message)")
    }

    /// The linked library's version, e.g. "1.7.4": recorded in every artifact.
    static var version: String {
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        XGBoostVersion(&major, &minor, &patch)
        return "\(major).\(minor).\(patch)"
    }
}

/// A dense feature matrix in XGBoost's memory (row-major float32, NaN = missing).
final class DMatrix {
    let handle: DMatrixHandle
    let rowCount: Int

    /// `values` is row-major, `rowCount × columnCount`.
    /// `margins`: each row's starting log-odds (XGBoost's `base_margin`), replacing `base_score`.
    init(values: [Float], rowCount: Int, columnCount: Int, labels: [Float]? = nil, margins: [Float]? = nil) throws(XGBoostError) {
        precondition(values.count == rowCount * columnCount, "DMatrix: values do not fill rows × columns")
        var out: DMatrixHandle?
        try XGBoost.check(XGDMatrixCreateFromMat(values, bst_ulong(rowCount), bst_ulong(columnCount), .nan, &out), "XGDMatrixCreateFromMat")
        handle = out!
        self.rowCount = rowCount
        if let labels {
            try XGBoost.check(XGDMatrixSetFloatInfo(handle, "label", labels, bst_ulong(labels.count)), "XGDMatrixSetFloatInfo(label)")
        }
        if let margins {
            try XGBoost.check(XGDMatrixSetFloatInfo(handle, "base_margin", margins, bst_ulong(margins.count)), "XGDMatrixSetFloatInfo(base_margin)")
        }
    }

    deinit { XGDMatrixFree(handle) }
}

/// One booster, freed with its owner. Not thread-safe: XGBoost's handles are not.
final class Booster {
    let handle: BoosterHandle

    /// A new booster whose training caches are `cache`.
    init(cache: [DMatrix]) throws(XGBoostError) {
        var handles: [DMatrixHandle?] = cache.map { $0.handle }
        var out: BoosterHandle?
        try XGBoost.check(XGBoosterCreate(&handles, bst_ulong(handles.count), &out), "XGBoosterCreate")
        handle = out!
    }

    /// A booster read from XGBoost's JSON model format.
    init(json: Data) throws(XGBoostError) {
        var out: BoosterHandle?
        try XGBoost.check(XGBoosterCreate(nil, 0, &out), "XGBoosterCreate")
        handle = out!
        let status = json.withUnsafeBytes { XGBoosterLoadModelFromBuffer(handle, $0.baseAddress, bst_ulong($0.count)) }
        try XGBoost.check(status, "XGBoosterLoadModelFromBuffer")
    }

    private init(handle: BoosterHandle) { self.handle = handle }

    deinit { XGBoosterFree(handle) }

    func set(_ params: [(String, String)]) throws(XGBoostError) {
        for (name, value) in params {
            try XGBoost.check(XGBoosterSetParam(handle, name, value), "XGBoosterSetParam(\(name)=\(value))")
        }
    }

    func setFeatureNames(_ names: [String]) throws(XGBoostError) {
        let copies = names.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        var pointers: [UnsafePointer<CChar>?] = copies.map { UnsafePointer($0) }
        try XGBoost.check(XGBoosterSetStrFeatureInfo(handle, "feature_name", &pointers, bst_ulong(names.count)), "XGBoosterSetStrFeatureInfo")
    }

    func update(iteration: Int, _ train: DMatrix) throws(XGBoostError) {
        try XGBoost.check(XGBoosterUpdateOneIter(handle, Int32(iteration), train.handle), "XGBoosterUpdateOneIter")
    }

    /// The evaluation metric on `data` after `iteration`: the number XGBoost prints.
    func evaluate(iteration: Int, _ data: DMatrix, name: String) throws(XGBoostError) -> Double {
        var handles: [DMatrixHandle?] = [data.handle]
        let label = strdup(name)
        defer { free(label) }
        var names: [UnsafePointer<CChar>?] = [UnsafePointer(label)]
        var out: UnsafePointer<CChar>?
        try XGBoost.check(XGBoosterEvalOneIter(handle, Int32(iteration), &handles, &names, 1, &out), "XGBoosterEvalOneIter")
        let text = out.map { String(cString: $0) } ?? ""
        guard let colon = text.lastIndex(of: ":"), let value = Double(text[text.index(after: colon)...]) else {
            throw XGBoostError("XGBoost evaluation printed no metric: '\(text)'")
        }
        return value
    }

    /// Transformed predictions (probabilities), row-major `rows × outputs`.
    func predict(_ data: DMatrix) throws(XGBoostError) -> [Float] {
        var length: bst_ulong = 0
        var out: UnsafePointer<Float>?
        try XGBoost.check(XGBoosterPredict(handle, data.handle, 0, 0, 0, &length, &out), "XGBoosterPredict")
        return Array(UnsafeBufferPointer(start: out, count: Int(length)))
    }

    /// The first `rounds` boosting rounds, as a booster of its own (what early stopping keeps).
    func slice(rounds: Int) throws(XGBoostError) -> Booster {
        var out: BoosterHandle?
        try XGBoost.check(XGBoosterSlice(handle, 0, Int32(rounds), 1, &out), "XGBoosterSlice")
        return Booster(handle: out!)
    }

    var boostedRounds: Int {
        var n: Int32 = 0
        return XGBoosterBoostedRounds(handle, &n) == 0 ? Int(n) : 0
    }

    /// XGBoost's JSON model: loadable by Python's `xgboost.Booster(model_file=…)`.
    func json() throws(XGBoostError) -> Data {
        var length: bst_ulong = 0
        var out: UnsafePointer<CChar>?
        try XGBoost.check(XGBoosterSaveModelToBuffer(handle, #"{"format": "json"}"#, &length, &out), "XGBoosterSaveModelToBuffer")
        return Data(bytes: out!, count: Int(length))
    }

    /// Average gain per split of each feature used (features never split on are absent).
    func gainImportance() throws(XGBoostError) -> [String: Double] {
        var count: bst_ulong = 0, dim: bst_ulong = 0
        var names: UnsafeMutablePointer<UnsafePointer<CChar>?>?
        var shape: UnsafePointer<bst_ulong>?
        var scores: UnsafePointer<Float>?
        try XGBoost.check(XGBoosterFeatureScore(handle, #"{"importance_type": "gain"}"#, &count, &names, &dim, &shape, &scores), "XGBoosterFeatureScore")
        var result: [String: Double] = [:]
        for i in 0..<Int(count) {
            guard let name = names?[i] else { continue }
            result[String(cString: name)] = Double(scores![i])
        }
        return result
    }
}
