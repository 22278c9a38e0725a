import Foundation
import PackKit

/// The digests of what a decision was made from, recorded beside it (`replay_inputs.inputs`:
/// `{"<kind>:<name>": {"path", "sha256"}}`, append-only) and checked again by a replay in this
/// order: data files, pack binaries, model artifacts, backtest reports (thresholds and
/// calibration come from them), the model's configuration. The first that differs is the
/// replay's answer; a file that is gone is a missing input (exit 69), not a difference.
struct ReplayInputs: Sendable {
    enum Kind: String, CaseIterable, Sendable {
        case data, pack, model, report, config
    }

    struct Input: Sendable {
        var kind: Kind
        var name: String
        /// The file hashed (none for the configuration, which is a digest of JSON).
        var path: String?
        var sha: String
    }

    var inputs: [Input] = []

    init() {}

    mutating func add(_ kind: Kind, _ name: String, path: String?, sha: String) {
        inputs.append(Input(kind: kind, name: name, path: path, sha: sha))
    }

    /// The pack binaries the plan loads and its configuration digest, as now.
    mutating func addPlan(_ plan: ModelPlan) throws {
        for id in plan.usedPackIDs {
            let path = try plan.catalogue.pack(id).path
            add(.pack, id, path: path, sha: try Hashing.sha256(path: path))
        }
        add(.config, plan.config.modelID, path: nil, sha: plan.configSHA)
    }

    /// A scoring version's model.json (its digest as meta.json records it) and backtest report.
    mutating func addScorer(_ scorer: Scorer) throws {
        add(.model, scorer.version, path: (scorer.artifact.folder as NSString).appendingPathComponent(ModelArtifact.modelFile),
            sha: scorer.artifact.meta["model_sha"]?.stringValue ?? "")
        if FileManager.default.fileExists(atPath: scorer.report) { add(.report, scorer.version, path: scorer.report, sha: try Hashing.sha256(path: scorer.report)) }
    }

    var json: JSON {
        .object(Dictionary(inputs.map { i in
            ("\(i.kind.rawValue):\(i.name)", JSON.object(["path": i.path.map(JSON.string) ?? .null, "sha256": .string(i.sha)]))
        }) { first, _ in first })
    }

    init(json: JSON?, context: String) throws {
        guard case .object(let members)? = json else {
            throw EdgehostError(code: "replay-not-recorded", object: context,
                                "no replay_inputs recorded with this decision (written before edgehost recorded them): it cannot be replayed; make the decision again",
                                exit: .badInput)
        }
        for (name, value) in members {
            let parts = name.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let kind = Kind(rawValue: parts[0]), let sha = value["sha256"]?.stringValue else {
                throw WorkspaceError("\(context): replay_inputs.inputs member '\(EscapedText.text(name))' is not <kind>:<name> with a sha256")
            }
            add(kind, parts[1], path: value["path"]?.stringValue, sha: sha)
        }
        inputs.sort { (Kind.allCases.firstIndex(of: $0.kind)!, $0.name) < (Kind.allCases.firstIndex(of: $1.kind)!, $1.name) }
    }

    /// The first recorded input whose digest is not what it is now, in the order above.
    func firstDifference(plan: ModelPlan) throws -> ReplayDifference? {
        for input in inputs {
            let now: String, what: String
            switch input.kind {
            case .config:
                (now, what) = (plan.configSHA, "model configuration \(input.name) (config_sha: indicator set, adapter, query, labeler, pack versions)")
            case .pack:
                let pack: LoadedPack
                do { pack = try plan.catalogue.pack(input.name) } catch {
                    throw EdgehostError(code: "replay-input-missing", object: input.name, "pack \(input.name), which made the decision, is not loaded: \(EdgehostError(error).message)", exit: .unavailable)
                }
                (now, what) = (try Hashing.sha256(path: pack.path), "pack binary \(input.name) (\(pack.path), version \(pack.version))")
            case .data, .model, .report:
                guard let path = input.path, FileManager.default.fileExists(atPath: path) else {
                    throw EdgehostError(code: "replay-input-missing", object: input.path ?? input.name,
                                        "the \(input.kind.rawValue) input \(input.name) the decision was made from is gone: it cannot be replayed",
                                        exit: .unavailable)
                }
                let label = ["data": "data file", "model": "model artifact of version", "report": "backtest report of version"][input.kind.rawValue]!
                (now, what) = (try Hashing.sha256(path: path), "\(label) \(input.name) (\(path))")
            }
            if now != input.sha { return ReplayDifference(kind: .input, name: what, recorded: input.sha, replayed: now) }
        }
        return nil
    }
}
