/// The labeler's optional columns beyond ts/label/outcomes that make several decisions per
/// instant possible (an es0dte level touch, a zerodteput strike): `key` (utf8) keys a decision
/// beyond its time; `x_<name>` (float64) are features of that row, computed from data up to
/// its decision time and checked like indicators (`CausalityFindings.checkRowFeatures`);
/// `qa_<name>` (float64) are per-decision facts for the data-QA gate (min, max, mean), not
/// features. Without them, the matrix and every output keep the one-row-per-instant layout.
enum RowFeatures {
    static let key = "key"
    static let prefix = "x_"
    static let qaPrefix = "qa_"
    /// Decision times at which a labeler with row features is cut and rerun.
    static let cutCount = 6
}
