import CYaml

/// Checks a YAML text's shape on libyaml's event stream before Yams composes it. Composing is
/// where the danger is: Yams recurses once per nesting level (a deep document overflows the
/// stack) and hashes every mapping key to find duplicates, walking an alias key's whole
/// expansion (`? *bomb` hashes billions of nodes). Events cost nothing of the sort, so here
/// each node's expanded size is counted, aliases at every use, against the limits of README
/// "Input limits".
enum YAMLLimits {
    /// The most nodes a document may expand to, aliases counted once per use.
    static let maxNodes = 1_000_000
    /// The deepest nesting of sequences and mappings, aliases expanded.
    static let maxDepth = 64
    /// The longest YAML text read, in bytes.
    static let maxBytes = 16 << 20

    /// What an anchor (or a finished node) stands for.
    private struct Shape {
        var nodes: Int
        var depth: Int
        var isCollection: Bool
    }

    /// A sequence or mapping being read.
    private struct Open {
        var anchor: String?
        var isMapping: Bool
        var nodes = 1
        var depth = 1
        var children = 0
    }

    /// Throws when `text` exceeds a limit; a syntax error is left for Yams to report.
    static func check(_ text: String, source: String) throws(WorkspaceError) {
        guard text.utf8.count <= maxBytes else {
            throw WorkspaceError("\(source): \(text.utf8.count) bytes of YAML, more than the limit of \(maxBytes)")
        }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        var text = text
        // withUTF8 rethrows untyped: carry the typed error out in a Result.
        try text.withUTF8 { bytes in Result { () throws(WorkspaceError) in try scan(bytes, &parser, source: source) } }.get()
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ parser: inout yaml_parser_t, source: String) throws(WorkspaceError) {
        yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
        var anchors: [String: Shape] = [:]
        var stack: [Open] = []
        var event = yaml_event_t()
        while yaml_parser_parse(&parser, &event) == 1 {
            defer { yaml_event_delete(&event) }
            let line = Int(event.start_mark.line) + 1
            func fail(_ what: String) -> WorkspaceError { WorkspaceError("\(source), line \(line): \(what); refused") }
            var finished: (Shape, String?)?
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return
            case YAML_SCALAR_EVENT:
                finished = (Shape(nodes: 1, depth: 0, isCollection: false), name(event.data.scalar.anchor))
            case YAML_ALIAS_EVENT:
                // An undefined alias is Yams's error to report.
                guard let alias = name(event.data.alias.anchor), let shape = anchors[alias] else { return }
                finished = (shape, nil)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let isMapping = event.type == YAML_MAPPING_START_EVENT
                let anchor = name(isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor)
                guard stack.count < maxDepth else { throw fail("nested deeper than the limit of \(maxDepth) levels") }
                stack.append(Open(anchor: anchor, isMapping: isMapping))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let open = stack.popLast() else { return }
                finished = (Shape(nodes: open.nodes, depth: open.depth, isCollection: true), open.anchor)
            default:
                break
            }
            guard let (shape, anchor) = finished else { continue }
            if let anchor { anchors[anchor] = shape }
            guard var parent = stack.popLast() else {
                guard shape.nodes <= maxNodes else { throw fail(tooMany) }
                continue
            }
            if parent.isMapping, parent.children % 2 == 0, shape.isCollection { throw fail("a mapping key must be a plain string") }
            parent.children += 1
            parent.nodes = min(parent.nodes + shape.nodes, maxNodes + 1)
            parent.depth = max(parent.depth, shape.depth + 1)
            guard parent.nodes <= maxNodes else { throw fail(tooMany) }
            guard stack.count + parent.depth <= maxDepth else { throw fail("nested deeper than the limit of \(maxDepth) levels (aliases expanded)") }
            stack.append(parent)
        }
    }

    private static let tooMany = "the document expands to more than \(maxNodes) nodes (aliases nested too deep?)"

    private static func name(_ anchor: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        anchor.map { String(cString: $0) }
    }
}
