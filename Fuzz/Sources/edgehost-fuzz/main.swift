import Foundation

/// `edgehost-fuzz TARGET [--runs N] [--seed S] [--timeout S] [--rss-limit-mb M] [--root Fuzz]`
/// replays `ROOT/corpus/TARGET` and `ROOT/regressions/TARGET`, then runs N generated inputs,
/// and prints one JSON line. A finding leaves the input in `ROOT/findings/TARGET-crash` and
/// exits non-zero (2 crash, 3 hang). `edgehost-fuzz list` names the targets.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("edgehost-fuzz: \(message)\n".utf8))
    exit(64)
}

/// `--name value` pairs after the target name.
func parseOptions(_ args: [String]) -> [String: String] {
    var options: [String: String] = [:]
    var i = 0
    while i < args.count {
        guard args[i].hasPrefix("--"), i + 1 < args.count else { fail("option \(args[i]): expected --name value") }
        options[String(args[i].dropFirst(2))] = args[i + 1]
        i += 2
    }
    return options
}
let args = Array(CommandLine.arguments.dropFirst())
guard let name = args.first else { fail("usage: edgehost-fuzz TARGET|list [--runs N] [--seed S] [--timeout S] [--rss-limit-mb M] [--root DIR]") }
let options = parseOptions(Array(args.dropFirst()))
@MainActor func number(_ key: String, _ fallback: Int) -> Int {
    guard let text = options[key] else { return fallback }
    guard let n = Int(text), n >= 0 else { fail("--\(key) \(text): expected a whole number ≥ 0") }
    return n
}
let runs = number("runs", 1_000_000), seed = UInt64(number("seed", 1)), timeout = UInt32(min(number("timeout", 5), 3600))
let memoryMB = number("rss-limit-mb", 2048)
let root = options["root"] ?? "Fuzz"

let scratch = ScratchFile()
let targets = fuzzTargets(scratch)
if name == "list" {
    print(targets.map(\.name).joined(separator: "\n"))
    exit(0)
}
guard let target = targets.first(where: { $0.name == name }) else { fail("no target '\(name)'; targets: \(targets.map(\.name).joined(separator: ", "))") }

/// The files of a folder, in name order (none if it is missing). A `shared-data.list` in it names
/// seeds under `../shared/data` instead: real vendor files are read there, never copied here.
@MainActor func inputs(_ folder: String) -> [[UInt8]] {
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    let paths = names.flatMap { name -> [String] in
        guard name == "shared-data.list" else { return [folder + "/" + name] }
        let list = (try? String(contentsOfFile: folder + "/" + name, encoding: .utf8)) ?? ""
        return list.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { "../shared/data/" + $0 }
    }
    return paths.compactMap { FileManager.default.contents(atPath: $0).map { [UInt8]($0) } }
}
let seeds = inputs("\(root)/corpus/\(name)") + inputs("\(root)/regressions/\(name)")
guard !seeds.isEmpty else { fail("\(root)/corpus/\(name): no seed inputs") }

try? FileManager.default.createDirectory(atPath: "\(root)/findings", withIntermediateDirectories: true)
CrashGuard.install(crashPath: "\(root)/findings/\(name)-crash", memoryMB: memoryMB)

@MainActor func execute(_ bytes: [UInt8]) {
    let data = Data(bytes)
    CrashGuard.arm(data, timeoutSeconds: timeout)
    _ = try? target.run(data)
    CrashGuard.disarm()
}

let start = Date()
var mutator = Mutator(seed: seed, tokens: target.tokens)
var pool = seeds
for input in seeds { execute(input) }
for n in 0..<runs {
    let input = mutator.mutate(pool[mutator.below(pool.count)], other: pool[mutator.below(pool.count)])
    execute(input)
    // Keep a few mutants as parents so mutations compound; the pool stays small and fixed in size.
    if n % 64 == 0 {
        if pool.count < seeds.count + 64 { pool.append(input) } else { pool[seeds.count + mutator.below(64)] = input }
    }
}
let seconds = max(Date().timeIntervalSince(start), 1e-9)
scratch.remove()
let executions = seeds.count + runs
print("{\"target\":\"\(name)\",\"executions\":\(executions),\"seconds\":\(String(format: "%.1f", seconds)),"
    + "\"execs_per_sec\":\(Int((Double(executions) / seconds).rounded())),\"crashes\":0}")
