import Foundation

/// Removes credentials from text bound for a terminal, a log or a file, in every form a
/// database address can carry them, well-formed or not:
/// `scheme://user:secret@host`, `scheme:/user:secret@host` (one slash), `user:secret@host`,
/// `password=secret` (libpq keywords, quoted or not, or a URL query parameter).
public enum Redaction {
    /// The mark put where a secret was.
    public static let mask = "***"

    private static let patterns: [(NSRegularExpression, String)] = [
        // password=… up to a space, '&' or quote; a quoted value whole ('it''s', 'a b').
        (#"(?i)(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'?|"[^"]*"?|[^\s&'"]*)"#, "$1\(mask)"),
        // [scheme:][//]user:secret@ — the secret runs to the last '@' of the word; it never
        // starts with '/' (else `postgres://u@h` would read as user "postgres", secret "//u").
        (#"((?:[A-Za-z][A-Za-z0-9+.-]*:)?/*[^\s:/@'"]*):(?!/)[^\s'"]*@"#, "$1:\(mask)@"),
    ].map { (try! NSRegularExpression(pattern: $0.0), $0.1) }

    /// `text` with every password replaced by `***`.
    public static func redact(_ text: String) -> String {
        patterns.reduce(text) { text, rule in
            rule.0.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: rule.1)
        }
    }
}
