import Foundation

/// A point in SVG user units (pixels), y growing downwards.
public struct SVGPoint: Equatable, Sendable {
    public var x: Double
    public var y: Double
    public init(_ x: Double, _ y: Double) { self.x = x; self.y = y }
}

/// SVG markup written by hand: charts need no drawing library, and writing every number
/// ourselves keeps the output byte-for-byte reproducible (no locale, no "-0").
public struct SVGCanvas: Sendable {
    public enum Anchor: String, Sendable { case start, middle, end }

    public let width: Int
    public let height: Int
    private var elements: [String] = []

    /// A white canvas; `title` becomes the document's `<title>`, which viewers show as its name.
    public init(width: Int, height: Int, title: String = "") {
        self.width = max(1, width)
        self.height = max(1, height)
        if !title.isEmpty { elements.append("<title>\(SVGFormat.escape(title))</title>") }
        rect(x: 0, y: 0, width: Double(self.width), height: Double(self.height), fill: "#ffffff")
    }

    public mutating func line(_ a: SVGPoint, _ b: SVGPoint, stroke: String, width: Double = 1, dash: String? = nil) {
        elements.append("<line x1=\"\(c(a.x))\" y1=\"\(c(a.y))\" x2=\"\(c(b.x))\" y2=\"\(c(b.y))\"\(strokeAttributes(stroke, width, dash))/>")
    }

    public mutating func polyline(_ points: [SVGPoint], stroke: String, width: Double = 1.5, dash: String? = nil) {
        elements.append("<polyline points=\"\(pointList(points))\" fill=\"none\"\(strokeAttributes(stroke, width, dash)) stroke-linejoin=\"round\"/>")
    }

    public mutating func polygon(_ points: [SVGPoint], fill: String, opacity: Double = 1) {
        elements.append("<polygon points=\"\(pointList(points))\" fill=\"\(fill)\"\(opacityAttribute(opacity))/>")
    }

    public mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil, opacity: Double = 1) {
        let border = stroke.map { strokeAttributes($0, 1, nil) } ?? ""
        elements.append("<rect x=\"\(c(x))\" y=\"\(c(y))\" width=\"\(c(max(0, width)))\" height=\"\(c(max(0, height)))\" fill=\"\(fill)\"\(border)\(opacityAttribute(opacity))/>")
    }

    public mutating func circle(_ center: SVGPoint, radius: Double, fill: String) {
        elements.append("<circle cx=\"\(c(center.x))\" cy=\"\(c(center.y))\" r=\"\(c(radius))\" fill=\"\(fill)\"/>")
    }

    /// Text whose baseline starts, centres or ends at `at`; `rotation` (degrees) turns it about that point.
    public mutating func text(_ content: String, at p: SVGPoint, anchor: Anchor = .start, size: Double = 12,
                              bold: Bool = false, fill: String = ChartStyle.text, rotation: Double = 0) {
        var attributes = "x=\"\(c(p.x))\" y=\"\(c(p.y))\""
        if anchor != .start { attributes += " text-anchor=\"\(anchor.rawValue)\"" }
        if size != 12 { attributes += " font-size=\"\(c(size))\"" }
        if bold { attributes += " font-weight=\"bold\"" }
        if rotation != 0 { attributes += " transform=\"rotate(\(c(rotation)) \(c(p.x)) \(c(p.y)))\"" }
        elements.append("<text \(attributes) fill=\"\(fill)\">\(SVGFormat.escape(content))</text>")
    }

    /// The document, one element per line.
    public func render() -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" "
        out += "font-family=\"\(ChartStyle.fontFamily)\" font-size=\"12\">\n"
        for element in elements { out += element + "\n" }
        return out + "</svg>\n"
    }

    private func c(_ x: Double) -> String { SVGFormat.coordinate(x) }

    private func pointList(_ points: [SVGPoint]) -> String {
        points.map { "\(c($0.x)),\(c($0.y))" }.joined(separator: " ")
    }

    private func strokeAttributes(_ stroke: String, _ width: Double, _ dash: String?) -> String {
        " stroke=\"\(stroke)\" stroke-width=\"\(c(width))\"" + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")
    }

    private func opacityAttribute(_ opacity: Double) -> String {
        opacity < 1 ? " opacity=\"\(SVGFormat.fixed(opacity, decimals: 2))\"" : ""
    }
}

/// Text and numbers as they appear in SVG files: escaped, fixed-point, independent of locale.
public enum SVGFormat {
    /// Escapes the characters XML reserves, and replaces control characters XML 1.0 forbids,
    /// so any name (a feature, a model) yields a well-formed document.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out += " "
            default: out.unicodeScalars.append(scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF ? "\u{FFFD}" : scalar)
            }
        }
        return out
    }

    /// `x` with exactly `decimals` digits after the point (0–12), rounded half away from zero;
    /// never "-0". `grouped` puts commas between thousands ("1,250,000").
    public static func fixed(_ x: Double, decimals: Int, grouped: Bool = false) -> String {
        guard x.isFinite else { return x.isNaN ? "NaN" : (x < 0 ? "-∞" : "∞") }
        let digits = max(0, min(decimals, 12))
        let scale = power10(digits)
        let scaled = (abs(x) * scale).rounded()
        var integer: String
        var fraction = ""
        if scaled < 9e18 {
            let n = Int64(scaled)
            let unit = Int64(scale)
            integer = String(n / unit)
            if digits > 0 {
                let f = String(n % unit)
                fraction = "." + String(repeating: "0", count: digits - f.count) + f
            }
        } else {
            // Beyond Int64 the fraction is below the spacing of doubles anyway.
            integer = String(format: "%.0f", abs(x))
            if digits > 0 { fraction = "." + String(repeating: "0", count: digits) }
        }
        if grouped { integer = groupThousands(integer) }
        return (x < 0 && scaled != 0 ? "-" : "") + integer + fraction
    }

    /// A coordinate to a tenth of a pixel, trailing ".0" dropped; non-finite values (which
    /// callers should never pass) become 0 rather than an invalid attribute.
    public static func coordinate(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let text = fixed(x, decimals: 1)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// At most `maxCharacters` characters, the last one "…" when something was cut.
    public static func truncate(_ text: String, to maxCharacters: Int) -> String {
        guard text.count > maxCharacters, maxCharacters > 0 else { return maxCharacters > 0 ? text : "" }
        return String(text.prefix(maxCharacters - 1)) + "…"
    }

    /// 10^n for n ≥ 0, exact up to 10^22.
    static func power10(_ n: Int) -> Double {
        var value = 1.0
        for _ in 0..<max(0, n) { value *= 10 }
        return value
    }

    private static func groupThousands(_ digits: String) -> String {
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return out
    }
}
