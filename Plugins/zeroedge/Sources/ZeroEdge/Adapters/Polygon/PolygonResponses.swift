/// The parts of Polygon's REST responses the adapter reads; everything else is ignored.
/// Field names follow Polygon's documentation (snake_case and one-letter bar keys).

/// Every Polygon page: a status, maybe an error, maybe a link to the next page.
protocol PolygonPage: Decodable {
    var status: String? { get }
    var next_url: String? { get }
}

/// The fields of an error body (`{"status":"ERROR","request_id":…,"error":…}` or `message`).
struct PolygonErrorBody: Decodable {
    var status: String?
    var error: String?
    var message: String?

    var text: String? { error ?? message }
}

/// `GET /v2/aggs/ticker/{symbol}/range/1/minute/{from}/{to}`.
struct AggregatesPage: PolygonPage {
    struct Bar: Decodable {
        /// Bar start, milliseconds since the epoch.
        var t: Int64
        var o: Double
        var h: Double
        var l: Double
        var c: Double
        var v: Double
    }

    var status: String?
    var next_url: String?
    /// Absent when the range holds no bars.
    var results: [Bar]?
}

/// `GET /v3/snapshot/options/{underlying}`.
struct OptionChainPage: PolygonPage {
    struct Contract: Decodable {
        struct Details: Decodable {
            var contract_type: String?
            var strike_price: Double?
            var expiration_date: String?
        }
        struct Quote: Decodable {
            var bid: Double?
            var ask: Double?
            /// Nanoseconds since the epoch.
            var last_updated: Int64?
        }
        struct Greeks: Decodable {
            var delta: Double?
            var gamma: Double?
            var theta: Double?
            var vega: Double?
        }
        struct Day: Decodable {
            var volume: Double?
        }
        struct Underlying: Decodable {
            var price: Double?
        }

        var details: Details?
        var last_quote: Quote?
        var implied_volatility: Double?
        var greeks: Greeks?
        var open_interest: Double?
        var day: Day?
        var underlying_asset: Underlying?
    }

    var status: String?
    var next_url: String?
    var results: [Contract]?
}
