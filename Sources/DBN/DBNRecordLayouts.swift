/// The layouts of every record type DBN versions 1–3 define, by rtype, as in Databento's
/// `record.rs` (current), `compat.rs` (`…V1`, `…V2`) and `layout_tests.rs` (sizes).
enum DBNRecordLayouts {
    typealias Spec = DBNRecordLayout.Spec

    private static func price(_ name: String) -> Spec { Spec(name: name, type: .int64, role: .price) }
    private static func time(_ name: String) -> Spec { Spec(name: name, type: .uint64, role: .timestamp) }
    private static func f(_ name: String, _ type: DBNFieldType) -> Spec { Spec(name: name, type: type) }
    private static func pad(_ n: Int) -> Spec { Spec(name: "_reserved", type: .padding(n)) }

    /// `BidAskPair` levels flattened as Databento names their columns: `bid_px_00`, …
    private static func levels(_ count: Int) -> [Spec] {
        (0..<count).flatMap { i -> [Spec] in
            let n = i < 10 ? "0\(i)" : "\(i)"
            return [price("bid_px_\(n)"), price("ask_px_\(n)"), f("bid_sz_\(n)", .uint32), f("ask_sz_\(n)", .uint32),
                    f("bid_ct_\(n)", .uint32), f("ask_ct_\(n)", .uint32)]
        }
    }

    /// `ConsolidatedBidAskPair` (publisher instead of order count).
    private static let consolidatedLevel: [Spec] = [
        price("bid_px_00"), price("ask_px_00"), f("bid_sz_00", .uint32), f("ask_sz_00", .uint32),
        f("bid_pb_00", .uint16), pad(2), f("ask_pb_00", .uint16), pad(2),
    ]

    static let mbo = DBNRecordLayout("MboMsg", [
        f("order_id", .uint64), price("price"), f("size", .uint32), f("flags", .uint8), f("channel_id", .uint8),
        f("action", .char), f("side", .char), time("ts_recv"), f("ts_in_delta", .int32), f("sequence", .uint32),
    ])

    private static let tradeBody: [Spec] = [
        price("price"), f("size", .uint32), f("action", .char), f("side", .char), f("flags", .uint8), f("depth", .uint8),
        time("ts_recv"), f("ts_in_delta", .int32), f("sequence", .uint32),
    ]
    static let trade = DBNRecordLayout("TradeMsg", tradeBody)
    static let mbp1 = DBNRecordLayout("Mbp1Msg", tradeBody + levels(1))
    static let mbp10 = DBNRecordLayout("Mbp10Msg", tradeBody + levels(10))

    static let bbo = DBNRecordLayout("BboMsg", [
        price("price"), f("size", .uint32), pad(1), f("side", .char), f("flags", .uint8), pad(1),
        time("ts_recv"), pad(4), f("sequence", .uint32),
    ] + levels(1))

    static let cmbp1 = DBNRecordLayout("Cmbp1Msg", [
        price("price"), f("size", .uint32), f("action", .char), f("side", .char), f("flags", .uint8), pad(1),
        time("ts_recv"), f("ts_in_delta", .int32), pad(4),
    ] + consolidatedLevel)

    static let cbbo = DBNRecordLayout("CbboMsg", [
        price("price"), f("size", .uint32), pad(1), f("side", .char), f("flags", .uint8), pad(1),
        time("ts_recv"), pad(8),
    ] + consolidatedLevel)

    static let ohlcv = DBNRecordLayout("OhlcvMsg", [
        price("open"), price("high"), price("low"), price("close"), f("volume", .uint64),
    ])

    static let status = DBNRecordLayout("StatusMsg", [
        time("ts_recv"), f("action", .uint16), f("reason", .uint16), f("trading_event", .uint16),
        f("is_trading", .char), f("is_quoting", .char), f("is_short_sell_restricted", .char), pad(7),
    ])

    static let imbalance = DBNRecordLayout("ImbalanceMsg", [
        time("ts_recv"), price("ref_price"), time("auction_time"), price("cont_book_clr_price"),
        price("auct_interest_clr_price"), price("ssr_filling_price"), price("ind_match_price"),
        price("upper_collar"), price("lower_collar"), f("paired_qty", .uint32), f("total_imbalance_qty", .uint32),
        f("market_imbalance_qty", .uint32), f("unpaired_qty", .uint32), f("auction_type", .char), f("side", .char),
        f("auction_status", .uint8), f("freeze_status", .uint8), f("num_extensions", .uint8),
        f("unpaired_side", .char), f("significant_imbalance", .char), pad(1),
    ])

    /// Statistics: the quantity widened from i32 (v1, v2) to i64 (v3).
    static func stat(version: UInt8) -> DBNRecordLayout {
        let head = [time("ts_recv"), time("ts_ref"), price("price")]
        let tail = [f("sequence", .uint32), f("ts_in_delta", .int32), f("stat_type", .uint16), f("channel_id", .uint16),
                    f("update_action", .uint8), f("stat_flags", .uint8)]
        return version < 3
            ? DBNRecordLayout("StatMsgV1", head + [f("quantity", .int32)] + tail + [pad(6)])
            : DBNRecordLayout("StatMsg", head + [f("quantity", .int64)] + tail + [pad(18)])
    }

    static func error(version: UInt8) -> DBNRecordLayout {
        version == 1
            ? DBNRecordLayout("ErrorMsgV1", [f("err", .text(64))])
            : DBNRecordLayout("ErrorMsg", [f("err", .text(302)), f("code", .uint8), f("is_last", .uint8)])
    }

    static func system(version: UInt8) -> DBNRecordLayout {
        version == 1
            ? DBNRecordLayout("SystemMsgV1", [f("msg", .text(64))])
            : DBNRecordLayout("SystemMsg", [f("msg", .text(303)), f("code", .uint8)])
    }

    static func symbolMapping(version: UInt8) -> DBNRecordLayout {
        version == 1
            ? DBNRecordLayout("SymbolMappingMsgV1", [f("stype_in_symbol", .text(22)), f("stype_out_symbol", .text(22)),
                                                     pad(4), time("start_ts"), time("end_ts")])
            : DBNRecordLayout("SymbolMappingMsg", [f("stype_in", .uint8), f("stype_in_symbol", .text(71)),
                                                   f("stype_out", .uint8), f("stype_out_symbol", .text(71)),
                                                   time("start_ts"), time("end_ts")])
    }

    /// Instrument definitions: the layout changed in every version (`InstrumentDefMsgV1/V2`, v3's
    /// `InstrumentDefMsg` with legs and a 64-bit raw instrument id).
    static func definition(version: UInt8) -> DBNRecordLayout {
        let prices = [time("ts_recv"), price("min_price_increment"), price("display_factor"), time("expiration"),
                      time("activation"), price("high_limit_price"), price("low_limit_price"), price("max_price_variation")]
        let texts: [Spec] = [f("currency", .text(4)), f("settl_currency", .text(4)), f("secsubtype", .text(6)),
                             f("raw_symbol", .text(version == 1 ? 22 : 71)), f("group", .text(21)), f("exchange", .text(5)),
                             f("asset", .text(version == 3 ? 11 : 7)), f("cfi", .text(7)), f("security_type", .text(7)),
                             f("unit_of_measure", .text(31)), f("underlying", .text(21)), f("strike_price_currency", .text(4))]
        let maturity: [Spec] = [f("maturity_month", .uint8), f("maturity_day", .uint8), f("maturity_week", .uint8),
                                f("user_defined_instrument", .char), f("contract_multiplier_unit", .int8),
                                f("flow_schedule_type", .int8), f("tick_rule", .uint8)]
        let lots: [Spec] = [f("market_depth_implied", .int32), f("market_depth", .int32), f("market_segment_id", .uint32),
                            f("max_trade_vol", .uint32), f("min_lot_size", .int32), f("min_lot_size_block", .int32),
                            f("min_lot_size_round_lot", .int32), f("min_trade_vol", .uint32)]
        let contract: [Spec] = [f("contract_multiplier", .int32), f("decay_quantity", .int32), f("original_contract_size", .int32)]
        let fractions: [Spec] = [f("main_fraction", .uint8), f("price_display_format", .uint8), f("settl_price_type", .uint8),
                                 f("sub_fraction", .uint8), f("underlying_product", .uint8), f("security_update_action", .char)]
        switch version {
        case 1:
            return DBNRecordLayout("InstrumentDefMsgV1", prices + [
                price("trading_reference_price"), price("unit_of_measure_qty"), price("min_price_increment_amount"),
                price("price_ratio"), f("inst_attrib_value", .int32), f("underlying_id", .uint32), f("raw_instrument_id", .uint32),
            ] + lots + [pad(4)] + contract + [pad(4), f("trading_reference_date", .uint16), f("appl_id", .int16),
                f("maturity_year", .uint16), f("decay_start_date", .uint16), f("channel_id", .uint16),
            ] + texts + [f("instrument_class", .char), pad(2), price("strike_price"), pad(6), f("match_algorithm", .char),
                f("md_security_trading_status", .uint8)] + fractions + maturity + [pad(3)])
        case 2:
            return DBNRecordLayout("InstrumentDefMsgV2", prices + [
                price("trading_reference_price"), price("unit_of_measure_qty"), price("min_price_increment_amount"),
                price("price_ratio"), price("strike_price"), f("inst_attrib_value", .int32), f("underlying_id", .uint32),
                f("raw_instrument_id", .uint32),
            ] + lots + contract + [f("trading_reference_date", .uint16), f("appl_id", .int16), f("maturity_year", .uint16),
                f("decay_start_date", .uint16), f("channel_id", .uint16),
            ] + texts + [f("instrument_class", .char), f("match_algorithm", .char), f("md_security_trading_status", .uint8)]
                + fractions + maturity + [pad(10)])
        default:
            return DBNRecordLayout("InstrumentDefMsg", prices + [
                price("unit_of_measure_qty"), price("min_price_increment_amount"), price("price_ratio"), price("strike_price"),
                f("raw_instrument_id", .uint64), price("leg_price"), price("leg_delta"), f("inst_attrib_value", .int32),
                f("underlying_id", .uint32),
            ] + lots + contract + [f("leg_instrument_id", .uint32), f("leg_ratio_price_numerator", .int32),
                f("leg_ratio_price_denominator", .int32), f("leg_ratio_qty_numerator", .int32),
                f("leg_ratio_qty_denominator", .int32), f("leg_underlying_id", .uint32), f("appl_id", .int16),
                f("maturity_year", .uint16), f("decay_start_date", .uint16), f("channel_id", .uint16),
                f("leg_count", .uint16), f("leg_index", .uint16),
            ] + texts + [f("leg_raw_symbol", .text(71)), f("instrument_class", .char), f("match_algorithm", .char),
                f("main_fraction", .uint8), f("price_display_format", .uint8), f("sub_fraction", .uint8),
                f("underlying_product", .uint8), f("security_update_action", .char)] + maturity
                + [f("leg_instrument_class", .char), f("leg_side", .char), pad(17)])
        }
    }

    /// The layout of each rtype for a DBN version (nil: the rtype is unknown).
    static func table(version: UInt8) -> [DBNRecordLayout?] {
        var table = [DBNRecordLayout?](repeating: nil, count: 256)
        table[0x00] = trade
        table[0x01] = mbp1  // mbp-1 and tbbo
        table[0x0A] = mbp10
        for rtype in [0x11, 0x20, 0x21, 0x22, 0x23, 0x24] { table[rtype] = ohlcv }  // 0x11: deprecated OHLCV
        table[0x12] = status
        table[0x13] = definition(version: version)
        table[0x14] = imbalance
        table[0x15] = error(version: version)
        table[0x16] = symbolMapping(version: version)
        table[0x17] = system(version: version)
        table[0x18] = stat(version: version)
        table[0xA0] = mbo
        table[0xB1] = cmbp1
        table[0xC0] = cbbo
        table[0xC1] = cbbo
        table[0xC2] = cmbp1  // tcbbo
        table[0xC3] = bbo
        table[0xC4] = bbo
        return table
    }
}

extension DBNRecordLayout {
    /// The layout of records of `rtype` in DBN `version`; nil for an rtype DBN does not define.
    public static func layout(rtype: UInt8, version: UInt8) -> DBNRecordLayout? {
        DBNRecordLayouts.table(version: version)[Int(rtype)]
    }

    /// Every distinct record layout of DBN `version`.
    public static func all(version: UInt8) -> [DBNRecordLayout] {
        var seen: Set<String> = []
        return DBNRecordLayouts.table(version: version).compactMap { $0 }.filter { seen.insert($0.name).inserted }
    }
}
