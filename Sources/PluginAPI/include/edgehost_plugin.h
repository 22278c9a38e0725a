/*
 * edgehost_plugin.h — the edgehost pack ABI, version 1.1 (1.0 packs keep loading).
 *
 * A pack is a shared library that the edgehost host loads with
 * dlopen(RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE) and never unloads. It exports exactly one
 * symbol, `edgehost_pack_entry`, a const struct. Everything else stays hidden (link with a
 * version script containing `local: *;`). The pack never links against the host: every
 * service it may use comes in through `edgehost_host_api_t`.
 *
 * Reading order for a pack author:
 *   1. conventions (versions, sizes, status codes, threads, lifetimes)
 *   2. the Arrow C Data Interface (how tables cross the boundary)
 *   3. the host API (what the host gives you)
 *   4. descriptors (how you describe components so the host can list and validate them)
 *   5. component kinds: data adapter, indicator, labeler, gate, risk profile; resources
 *   6. the entry point
 * `edgehost_plugin_helpers.h` adds small static inline helpers for C packs.
 *
 * ---------------------------------------------------------------------------------------
 * Conventions
 * ---------------------------------------------------------------------------------------
 * Versions and sizes. Every edgehost struct starts with `edgehost_struct_header_t`: the ABI
 * major and minor the producer was compiled against, and the struct's own size. The consumer
 * checks the major version (must be equal) and `struct_size` (must cover every member it
 * reads) before it calls or reads anything else. Structs and function tables are append-only:
 * a new minor version only adds members at the end, so a member exists when
 * `struct_size >= offsetof(T, member) + sizeof(member)` (EDGEHOST_HAS_MEMBER below).
 *
 * Status codes. Fallible functions return `edgehost_status_t`: EDGEHOST_OK (0) on success,
 * one of the EDGEHOST_ERR_* codes otherwise. After a failure, `last_error` on the same object
 * returns a UTF-8 message; it stays valid until the next call on that object. Nothing may
 * unwind across this boundary: no C++ exception, no Swift error, no longjmp.
 *
 * Threads. Each function carries one of these tags:
 *   [main-thread]  the host calls it from one thread at a time, never concurrently with
 *                  any other [main-thread] function of the same pack.
 *   [instance]     calls on one instance are serialised; different instances of the same
 *                  component may run concurrently on different threads.
 *   [thread-safe]  may be called from any thread at any time.
 *
 * Lifetimes. Each pointer carries its owner and how long it stays valid. "static" means
 * valid until the pack is deinitialised (the pack is never unloaded, but it may be deinit'd).
 *
 * Parameters cross as UTF-8 JSON objects (never NULL; "{}" when there are none). The host
 * validates them against the component's parameter descriptors, fills defaults, and only
 * then calls `create`. JSON numbers use '.' as the decimal point: the host never changes the
 * C locale, so strtod is safe.
 *
 * Time. Timestamps are Arrow `timestamp[ns, UTC]` (format "tsn:UTC"): int64 nanoseconds
 * since 1970-01-01T00:00:00Z. Bars are stamped with their start time.
 */
#ifndef EDGEHOST_PLUGIN_H
#define EDGEHOST_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define EDGEHOST_ABI_MAJOR 1u
#define EDGEHOST_ABI_MINOR 1u

/* The one symbol a pack exports. */
#define EDGEHOST_PACK_ENTRY_SYMBOL "edgehost_pack_entry"

#if defined(_WIN32)
#define EDGEHOST_EXPORT __declspec(dllexport)
#else
#define EDGEHOST_EXPORT __attribute__((visibility("default")))
#endif

/* ---------------------------------------------------------------------------------------
 * 1. Conventions
 * ------------------------------------------------------------------------------------- */

/* First member of every edgehost struct. */
typedef struct edgehost_struct_header {
    uint32_t abi_major;   /* EDGEHOST_ABI_MAJOR the producer was compiled with */
    uint32_t abi_minor;   /* EDGEHOST_ABI_MINOR the producer was compiled with */
    uint32_t struct_size; /* sizeof(the whole struct) as the producer compiled it */
    uint32_t reserved;    /* zero */
} edgehost_struct_header_t;

/* Initialiser for a header: `edgehost_indicator_t ind = { EDGEHOST_HEADER(edgehost_indicator_t), ... };` */
#define EDGEHOST_HEADER(type) { EDGEHOST_ABI_MAJOR, EDGEHOST_ABI_MINOR, (uint32_t)sizeof(type), 0u }

/* True when a struct of declared size `size` contains `member` of `type`. */
#define EDGEHOST_HAS_MEMBER(type, member, size) \
    ((size_t)(size) >= offsetof(type, member) + sizeof(((type*)0)->member))

typedef int32_t edgehost_status_t;
#define EDGEHOST_OK 0                    /* success */
#define EDGEHOST_ERR_INVALID_ARGUMENT 1  /* bad parameters, missing input column, wrong type */
#define EDGEHOST_ERR_DATA 2              /* the data itself is unusable (malformed file, gap) */
#define EDGEHOST_ERR_IO 3                /* a file or network operation failed */
#define EDGEHOST_ERR_UNSUPPORTED 4       /* not implemented by this component */
#define EDGEHOST_ERR_INTERNAL 5          /* a bug or an unexpected state in the pack */
#define EDGEHOST_ERR_NO_MEMORY 6

/* ---------------------------------------------------------------------------------------
 * 2. The Arrow C Data Interface, copied verbatim from the Arrow specification
 *    (https://arrow.apache.org/docs/format/CDataInterface.html). Do not change it.
 *
 *    Ownership, as Arrow defines it: the producer fills a struct and sets `release`; the
 *    consumer calls `release` exactly once on the top-level struct when done; after release,
 *    `release` is NULL. A struct whose `release` is NULL is released (an empty slot).
 *    edgehost tables are record batches: a struct array (format "+s") whose children are
 *    the columns, with no nulls at the top level. Column formats used by edgehost:
 *      "g" float64, "l" int64, "tsn:UTC" timestamp[ns, UTC], "u" utf8, "b" boolean.
 *    Missing float64 values are NaN, not nulls; a consumer may reject nulls elsewhere.
 * ------------------------------------------------------------------------------------- */

#ifndef ARROW_C_DATA_INTERFACE
#define ARROW_C_DATA_INTERFACE

#define ARROW_FLAG_DICTIONARY_ORDERED 1
#define ARROW_FLAG_NULLABLE 2
#define ARROW_FLAG_MAP_KEYS_SORTED 4

struct ArrowSchema {
  // Array type description
  const char* format;
  const char* name;
  const char* metadata;
  int64_t flags;
  int64_t n_children;
  struct ArrowSchema** children;
  struct ArrowSchema* dictionary;

  // Release callback
  void (*release)(struct ArrowSchema*);
  // Opaque producer-specific data
  void* private_data;
};

struct ArrowArray {
  // Array data description
  int64_t length;
  int64_t null_count;
  int64_t offset;
  int64_t n_buffers;
  int64_t n_children;
  const void** buffers;
  struct ArrowArray** children;
  struct ArrowArray* dictionary;

  // Release callback
  void (*release)(struct ArrowArray*);
  // Opaque producer-specific data
  void* private_data;
};

#endif  // ARROW_C_DATA_INTERFACE

#ifndef ARROW_C_STREAM_INTERFACE
#define ARROW_C_STREAM_INTERFACE

struct ArrowArrayStream {
  // Callback to get the stream type
  // (will be the same for all arrays in the stream).
  //
  // Return value: 0 if successful, an `errno`-compatible error code otherwise.
  //
  // If successful, the ArrowSchema must be released independently from the stream.
  int (*get_schema)(struct ArrowArrayStream*, struct ArrowSchema* out);

  // Callback to get the next array
  // (if no error and the array is released, the stream has ended)
  //
  // Return value: 0 if successful, an `errno`-compatible error code otherwise.
  //
  // If successful, the ArrowArray must be released independently from the stream.
  int (*get_next)(struct ArrowArrayStream*, struct ArrowArray* out);

  // Callback to get optional detailed error information.
  // This must only be called if the last stream operation failed
  // with a non-0 return code.
  //
  // Return value: pointer to a null-terminated character array describing
  // the last error, or NULL if no description is available.
  //
  // The returned pointer is only valid until the next operation on this stream
  // (including release).
  const char* (*get_last_error)(struct ArrowArrayStream*);

  // Release callback: release the stream's own resources.
  // Note that arrays returned by `get_next` must be individually released.
  void (*release)(struct ArrowArrayStream*);

  // Opaque producer-specific data
  void* private_data;
};

#endif  // ARROW_C_STREAM_INTERFACE

/* ---------------------------------------------------------------------------------------
 * 3. The host API: services the host passes to `init`.
 *    Owned by the host; valid from `init` until `deinit` returns. Keep the pointer.
 * ------------------------------------------------------------------------------------- */

#define EDGEHOST_LOG_TRACE 0
#define EDGEHOST_LOG_DEBUG 1
#define EDGEHOST_LOG_INFO 2
#define EDGEHOST_LOG_WARN 3
#define EDGEHOST_LOG_ERROR 4

typedef struct edgehost_host_api edgehost_host_api_t;

struct edgehost_host_api {
    edgehost_struct_header_t header;

    /* Host version, e.g. "0.1.0". Owned by the host; valid until deinit. */
    const char* host_version;

    /* Writes `message` (UTF-8, copied before return) to the host's log at `level`
     * (EDGEHOST_LOG_*), tagged with the pack's id. Never log secrets. [thread-safe]
     * A data adapter may report what a read went through on the wire with one INFO line
     * "adapter-health {json}" (requests, pages, retries, reconnects, pending_pages,
     * last_response_ns, last_event_ns: PackKit's AdapterHealth) on the reading thread;
     * `edgehost stream capture` records it in capture.json's `health`. */
    void (*log)(const edgehost_host_api_t* host, int32_t level, const char* message);

    /* Allocates `size` bytes aligned to 64, or returns NULL. Memory that the host will free
     * (none in ABI 1.0) must come from here; packs may use it for anything. [thread-safe] */
    void* (*alloc)(const edgehost_host_api_t* host, size_t size);

    /* Frees memory from `alloc`; NULL is a no-op. [thread-safe] */
    void (*free)(const edgehost_host_api_t* host, void* ptr);

    /* Returns the service table registered under a versioned id (see EDGEHOST_SERVICE_*),
     * or NULL when the host does not offer it. The table is owned by the host and valid until
     * deinit; it starts with an edgehost_struct_header_t. [thread-safe] */
    const void* (*get_service)(const edgehost_host_api_t* host, const char* service_id);

    /* ABI 1.1. The host's own data for its callbacks (which pack the table serves); a pack
     * never reads or writes it. A 1.0 host's table ends before this member. */
    void* host_data;
};

/* Service "edgehost.env/1": configuration and secrets (API keys) from the process
 * environment, then from ./.env (the current directory's; not the workspace's), so packs need
 * not parse .env themselves. */
#define EDGEHOST_SERVICE_ENV "edgehost.env/1"

typedef struct edgehost_env_service {
    edgehost_struct_header_t header;
    /* Returns the value of `name`, or NULL when unset. The string is owned by the host and
     * valid until deinit. The host never logs values read through this call. [thread-safe] */
    const char* (*get)(const edgehost_host_api_t* host, const char* name);
} edgehost_env_service_t;

/* ---------------------------------------------------------------------------------------
 * 4. Descriptors. All descriptor memory is owned by the pack and static (valid until
 *    deinit). The host reads descriptors to list, validate and plan; it never needs to
 *    run a component to describe it.
 * ------------------------------------------------------------------------------------- */

#define EDGEHOST_PARAM_INT 1     /* JSON integer (int64) */
#define EDGEHOST_PARAM_FLOAT 2   /* JSON number (double) */
#define EDGEHOST_PARAM_BOOL 3    /* JSON true / false */
#define EDGEHOST_PARAM_STRING 4  /* JSON string */

typedef struct edgehost_param_desc {
    edgehost_struct_header_t header;
    const char* name;          /* e.g. "period"; [A-Za-z_][A-Za-z0-9_]* */
    int32_t type;              /* EDGEHOST_PARAM_* */
    int32_t required;          /* 1: no default, the caller must give it; 0: default applies */
    const char* default_json;  /* JSON literal of the default ("14", "2.0", "true", "\"close\""); NULL when required */
    double min;                /* inclusive bounds for INT and FLOAT; NaN = unbounded */
    double max;
    const char* description;   /* one line, for `edgehost packs show` */
} edgehost_param_desc_t;

/* Column flags */
#define EDGEHOST_COLUMN_ALLOW_NAN 1u  /* float64 output may hold NaN ("not available yet") */
#define EDGEHOST_COLUMN_ALLOW_INF 2u  /* float64 output may hold +/-Inf (rarely right) */
#define EDGEHOST_COLUMN_OPTIONAL 4u   /* input column used when present */

typedef struct edgehost_column_desc {
    edgehost_struct_header_t header;
    const char* name;          /* column name, e.g. "close" */
    const char* format;        /* Arrow format string: "g", "l", "tsn:UTC", "u", "b" */
    uint32_t flags;            /* EDGEHOST_COLUMN_* */
    uint32_t reserved;
    const char* description;
} edgehost_column_desc_t;

typedef struct edgehost_component_desc {
    edgehost_struct_header_t header;
    const char* id;            /* unique within the pack and kind, e.g. "rsi" */
    const char* version;       /* semantic version of this component, e.g. "1.0.0" */
    const char* description;   /* one line */

    const edgehost_param_desc_t* const* params;   /* array of param_count pointers */
    uint32_t param_count;
    uint32_t input_count;
    const edgehost_column_desc_t* const* inputs;  /* columns the component reads (besides "ts") */
    const edgehost_column_desc_t* const* outputs; /* columns it produces; adapters and labelers
                                                   * list "ts" too, indicators never do */
    uint32_t output_count;
    uint32_t reserved;

    /* Causality, enforced by the host (it recomputes features on truncated data):
     * lookback: history needed before the first valid output, in bars and/or nanoseconds
     *   (0 = none). Outputs before that may be NaN.
     * availability_lag_ns (indicators): the value stamped at t may be used from t + lag.
     * horizon (labelers): how far after the decision time the label and outcomes look;
     *   the backtester purges training rows whose horizon overlaps a test fold. */
    int64_t lookback_bars;
    int64_t lookback_ns;
    int64_t availability_lag_ns;
    int64_t horizon_bars;
    int64_t horizon_ns;
} edgehost_component_desc_t;

/* ---------------------------------------------------------------------------------------
 * 5. Components. `get_factory` returns one factory per kind; every kind uses the same
 *    factory table and its own instance struct.
 * ------------------------------------------------------------------------------------- */

#define EDGEHOST_DATA_ADAPTER_V1 "edgehost.data-adapter/1"  /* instance: edgehost_data_adapter_t */
#define EDGEHOST_INDICATOR_V1 "edgehost.indicator/1"        /* instance: edgehost_indicator_t */
#define EDGEHOST_LABELER_V1 "edgehost.labeler/1"            /* instance: edgehost_labeler_t */
#define EDGEHOST_GATE_V1 "edgehost.gate/1"                  /* instance: edgehost_gate_t */
#define EDGEHOST_RISK_PROFILE_V1 "edgehost.risk-profile/1"  /* instance: edgehost_risk_profile_t */
#define EDGEHOST_RESOURCES_V1 "edgehost.resources/1"        /* table: edgehost_resource_table_t */

typedef struct edgehost_factory edgehost_factory_t;

/* Owned by the pack; static. */
struct edgehost_factory {
    edgehost_struct_header_t header;

    /* Number of components of this kind. [thread-safe] */
    uint32_t (*count)(const edgehost_factory_t* factory);

    /* Descriptor of component `index` (< count), or NULL when out of range. [thread-safe] */
    const edgehost_component_desc_t* (*descriptor)(const edgehost_factory_t* factory, uint32_t index);

    /* Creates an instance of component `id` with `params_json` (a JSON object, already
     * validated and completed with defaults by the host; owned by the host, valid during the
     * call). On success stores the kind's instance struct pointer in *out_instance; the host
     * owns the instance and calls its `destroy` exactly once. On failure returns an error and
     * leaves *out_instance NULL; `last_error` explains. [main-thread] */
    edgehost_status_t (*create)(const edgehost_factory_t* factory, const char* id,
                                const char* params_json, void** out_instance);

    /* Message for the last failed `create` on this factory; valid until the next call on the
     * factory. Never NULL after a failure. [main-thread] */
    const char* (*last_error)(const edgehost_factory_t* factory);
};

/* Every instance struct begins with these four members, in this order:
 * header, state, last_error, destroy. */
#define EDGEHOST_INSTANCE_COMMON(type)                                                    \
    edgehost_struct_header_t header;                                                      \
    void* state; /* the pack's private data; the host never touches it */                \
    /* Message for the last failed call on this instance; valid until the next call on   \
     * it. [instance] */                                                                  \
    const char* (*last_error)(const type* self);                                          \
    /* Frees the instance; the host calls it exactly once, last. [instance] */           \
    void (*destroy)(type* self)

/* A table-in, table-out call shared by indicators and labelers.
 * `in_schema`/`in`: a record batch owned by the host, valid during the call only (do not
 * release it, do not keep pointers into it). Its first column is "ts" (timestamp[ns, UTC],
 * strictly increasing), followed by at least the declared input columns.
 * `out_schema`/`out`: empty structs owned by the host; on success the pack fills both with
 * a record batch and the host releases them through their `release` callbacks. On failure
 * the pack leaves them empty (release == NULL). */

/* ---- edgehost.data-adapter/1 --------------------------------------------------------- */
typedef struct edgehost_market edgehost_market_t; /* section 5b */
typedef struct edgehost_data_adapter edgehost_data_adapter_t;
struct edgehost_data_adapter {
    EDGEHOST_INSTANCE_COMMON(edgehost_data_adapter_t);

    /* Opens a stream of record batches for `query_json`, a JSON object:
     *   {"symbol": "SPY", "start": "2024-07-01", "end": "2024-07-03", "source": "/path", ...}
     * ("start" and "end" are inclusive session dates in the market's time zone; other keys
     * are adapter-specific). Batches share one schema whose first column is "ts" and are in
     * increasing "ts" order. `out` is an empty struct owned by the host; on success the pack
     * fills it and the host releases it; on failure the pack leaves it released
     * (release == NULL). A stream that fails mid-way returns EIO from get_next and explains in
     * get_last_error. [instance] */
    edgehost_status_t (*open)(edgehost_data_adapter_t* self, const char* query_json,
                              struct ArrowArrayStream* out);

    /* ABI 1.1. The market of the bars this instance returns (section 5b): its time zone,
     * session calendar and bar length. Every date and hour the host uses for a model built on
     * these bars is the market's. The struct is owned by the instance (static is fine) and
     * valid until destroy. NULL member, NULL result or a 1.0 instance: "nyse" in
     * America/New_York. [instance] */
    const edgehost_market_t* (*market)(const edgehost_data_adapter_t* self);
};

/* ---- edgehost.indicator/1 ------------------------------------------------------------ */
typedef struct edgehost_indicator edgehost_indicator_t;
struct edgehost_indicator {
    EDGEHOST_INSTANCE_COMMON(edgehost_indicator_t);

    /* Computes the declared outputs for every input row: the output record batch has the
     * declared output columns (no "ts"), in declared order, with exactly in->length rows.
     * Row i may use input rows 0..i only; the host checks this by recomputing on truncated
     * input (prefix-truncation invariance) and rejects the indicator otherwise. [instance] */
    edgehost_status_t (*compute)(edgehost_indicator_t* self,
                                 const struct ArrowSchema* in_schema, const struct ArrowArray* in,
                                 struct ArrowSchema* out_schema, struct ArrowArray* out);

    /* ABI 1.1. The lookback of this instance, from its parameters (a `period` or `window`
     * changes it): stores the bars and the nanoseconds of history the instance needs before
     * its first valid output (0 = none). The host uses these numbers instead of the
     * descriptor's for the history it fetches and for every causality check; the descriptor's
     * numbers stay the defaults for listing. NULL (or a 1.0 instance, whose struct_size does
     * not cover this member): the host uses the descriptor's numbers. Called after `create`.
     * [instance] */
    edgehost_status_t (*lookback)(const edgehost_indicator_t* self, int64_t* out_bars, int64_t* out_ns);
};

/* ---- edgehost.labeler/1 -------------------------------------------------------------- */
typedef struct edgehost_labeler edgehost_labeler_t;
struct edgehost_labeler {
    EDGEHOST_INSTANCE_COMMON(edgehost_labeler_t);

    /* Chooses decision times and labels them. Input: bars, as for indicators. Output: one
     * row per decision with columns
     *   "ts"            timestamp[ns, UTC]  decision time (a bar's ts of the input)
     *   "label_end_ts"  timestamp[ns, UTC]  last time the label looks at; must be > ts and
 *                                        within the horizon (below)
     *   "label"         utf8                class label, e.g. "UP", "DOWN", "FLAT"
     *   "outcome_<action>" float64          realised return of taking <action> at ts, after
     *                                        costs, one column per action the labeler prices
     * in increasing "ts" order. [instance]
     *
     * Several decisions at one instant (ABI 1.1, no new member: optional columns):
     *   "key"           utf8                the decision's key beyond ts (a level, a strike);
     *                                        rows then increase in (ts, key), key compared
     *                                        bytewise; the matrix, the signals and the
     *                                        walk-forward key decisions by (ts, key)
     *   "x_<name>"      float64             a feature of that row, known at ts: the host cuts
     *                                        the data at several decision times (bars with
     *                                        ts + lag <= the decision time), relabels, and
     *                                        every decision up to the cut must come out with
     *                                        the same x_ values; a labeler with x_ columns
     *                                        therefore emits each decision from the data up
     *                                        to it, whatever follows
     *   "qa_<name>"     float64             a per-decision fact for the data-QA gate (facts
     *                                        "qa": {name: {min, max, mean, finite}}), not a
     *                                        feature
     *
     * label_end_ts and the adapter's availability lag. A bar stamped t is known from
     * t + the adapter's availability_lag_ns. The host checks a label by cutting the data at
     * label_end_ts: it keeps the bars with ts + lag <= label_end_ts, relabels, and the
     * decision must come out the same. So stamp label_end_ts at (the start time of the last
     * bar the label or its outcomes use) + the adapter's availability lag, not at that bar's
     * start: with a lag of 60 s and a last bar at 15:59, label_end_ts is 16:00. The same
     * checks run in `edgehost pack verify` (on the adapter the verify run uses) and in every
     * build.
     *
     * Horizon: label_end_ts - ts must not exceed horizon_ns (when > 0), and the bars after
     * the decision bar up to label_end_ts must not number more than horizon_bars (when > 0):
     * the build and `pack verify` refuse a labeler that looks further than it declares. */
    edgehost_status_t (*label)(edgehost_labeler_t* self,
                               const struct ArrowSchema* in_schema, const struct ArrowArray* in,
                               struct ArrowSchema* out_schema, struct ArrowArray* out);

    /* ABI 1.1. The horizon of this instance, from its parameters (a `horizon` changes it):
     * stores the bars and nanoseconds after the decision the label and outcomes may look at
     * (0 = not declared in that unit). The host uses these instead of the descriptor's for
     * purging and for every horizon check. NULL, or a 1.0 instance: the descriptor's
     * numbers. Called after `create`. [instance] */
    edgehost_status_t (*horizon)(const edgehost_labeler_t* self, int64_t* out_bars, int64_t* out_ns);
};

/* ---- edgehost.gate/1 ----------------------------------------------------------------- */
typedef struct edgehost_gate edgehost_gate_t;
struct edgehost_gate {
    EDGEHOST_INSTANCE_COMMON(edgehost_gate_t);

    /* Judges a set of facts. `facts_json` (owned by the host, valid during the call) is a
     * JSON object such as {"nan_pct": {"feature": 12.5}, "rows": 1200} for data gates or
     * {"sharpe": 1.1, "trades": 40, "max_drawdown": 0.08} for model gates. On success
     * *out_verdict_json points to a JSON object owned by the instance, valid until the next
     * call on it:  {"status": "pass" | "warn" | "fail", "reasons": ["..."]}. [instance] */
    edgehost_status_t (*evaluate)(edgehost_gate_t* self, const char* facts_json,
                                  const char** out_verdict_json);
};

/* ---- edgehost.risk-profile/1 --------------------------------------------------------- */
typedef struct edgehost_risk_profile edgehost_risk_profile_t;
struct edgehost_risk_profile {
    EDGEHOST_INSTANCE_COMMON(edgehost_risk_profile_t);

    /* The profile's budgets as a JSON object owned by the instance, valid until the next
     * call on it, e.g. {"threshold_floor": 0.6, "max_trades_per_day": 2,
     * "max_drawdown": 0.10, "position_size": 1.0}. [instance] */
    edgehost_status_t (*budgets)(edgehost_risk_profile_t* self, const char** out_budgets_json);
};

/* ---- edgehost.resources/1 ------------------------------------------------------------ */
/* Files shipped inside the pack (indicator-set YAML, risk-profile YAML, docs). All static. */
typedef struct edgehost_resource {
    edgehost_struct_header_t header;
    const char* name;        /* relative path, e.g. "indicator_sets/zeroedge_pin_drift_v1.yaml" */
    const char* media_type;  /* e.g. "application/yaml" */
    const uint8_t* data;     /* `size` bytes, not NUL-terminated */
    uint64_t size;
} edgehost_resource_t;

typedef struct edgehost_resource_table {
    edgehost_struct_header_t header;
    uint32_t count;
    uint32_t reserved;
    const edgehost_resource_t* const* resources;  /* array of count pointers */
} edgehost_resource_table_t;

/* ---------------------------------------------------------------------------------------
 * 5b. Markets and calendars (ABI 1.1). An adapter declares its market (`market` above); the
 *     host ships the calendars and lends them to packs through the calendar service, so no
 *     pack writes daylight-saving rules. Dates are days since 1970-01-01 (a "trading day":
 *     the local date, or for an overnight market the date its session closes on).
 * ------------------------------------------------------------------------------------- */

/* Weekday bits of a session window, bit 0 = Sunday. */
#define EDGEHOST_WEEKDAYS_MON_FRI 0x3Eu
#define EDGEHOST_WEEKDAYS_ALL 0x7Fu

/* A weekly session window in local time (calendar "custom"). A window whose open is not
 * before its close starts the day before its date (an overnight session). */
typedef struct edgehost_session_window {
    int32_t open_minute;   /* minutes after local midnight, 0-1439 */
    int32_t close_minute;  /* 1-1440 */
    uint32_t weekdays;     /* EDGEHOST_WEEKDAYS_* bits of the session's (closing) date */
    uint32_t reserved;     /* zero */
} edgehost_session_window_t;

struct edgehost_market {
    edgehost_struct_header_t header;
    const char* time_zone;   /* IANA zone: "America/New_York", "America/Chicago", "UTC" */
    const char* calendar;    /* "nyse" (09:30-16:00 New York, NYSE holidays and early closes),
                              * "cme-globex" (17:00 the day before to 16:00 Chicago, Mon-Fri,
                              * daily break, CME holidays), "24x7" (every day, local midnight
                              * to midnight) or "custom" (the windows below) */
    int64_t bar_ns;          /* bar length, e.g. 300000000000 for 5-minute bars; 0 = not fixed */
    uint32_t window_count;   /* "custom" only, else 0 */
    uint32_t reserved;       /* zero */
    const edgehost_session_window_t* windows;  /* array of window_count; a date uses the first
                                                * window whose weekdays include it */
};

/* Service "edgehost.calendar/1": the host's calendars. Every function is [thread-safe] and
 * returns EDGEHOST_ERR_INVALID_ARGUMENT for an unknown zone or calendar or a NULL pointer. */
#define EDGEHOST_SERVICE_CALENDAR "edgehost.calendar/1"

typedef struct edgehost_local_time {
    int32_t year, month, day;        /* local date */
    int32_t hour, minute, second;    /* local wall time */
    int32_t weekday;                 /* 0 = Sunday */
    int32_t utc_offset_s;            /* local = UTC + offset */
    int32_t days;                    /* the local date as days since 1970-01-01 */
    int32_t reserved;
} edgehost_local_time_t;

typedef struct edgehost_session {
    int32_t day;          /* the trading day (days since 1970-01-01) */
    int32_t trades;       /* 1 when the market has a session on `day`; else 0, times 0 */
    int64_t open_ns;      /* the session's open and close, ns UTC */
    int64_t close_ns;
    int32_t early_close;  /* 1 on an early-close day */
    int32_t in_session;   /* session_of: 1 when the instant lies in [open_ns, close_ns) */
} edgehost_session_t;

typedef edgehost_status_t (*edgehost_calendar_local_time_fn)(const edgehost_host_api_t* host, const char* time_zone,
                                                              int64_t ts_ns, edgehost_local_time_t* out);
typedef edgehost_status_t (*edgehost_calendar_session_of_fn)(const edgehost_host_api_t* host,
                                                              const edgehost_market_t* market, int64_t ts_ns,
                                                              edgehost_session_t* out);
typedef edgehost_status_t (*edgehost_calendar_session_on_fn)(const edgehost_host_api_t* host,
                                                              const edgehost_market_t* market, int32_t day,
                                                              edgehost_session_t* out);
typedef edgehost_status_t (*edgehost_calendar_instant_fn)(const edgehost_host_api_t* host, const char* time_zone,
                                                           int32_t day, int32_t minute_of_day, int64_t* out_ns);
typedef const edgehost_market_t* (*edgehost_data_adapter_market_fn)(const edgehost_data_adapter_t* self);

typedef struct edgehost_calendar_service {
    edgehost_struct_header_t header;
    /* Local date and time of instant `ts_ns` in `time_zone` (DST from the tz database). */
    edgehost_calendar_local_time_fn local_time;
    /* The trading day containing `ts_ns` in `market` and that day's session, if any. */
    edgehost_calendar_session_of_fn session_of;
    /* The session of trading day `day` in `market` (trades = 0 on a closed day). */
    edgehost_calendar_session_on_fn session_on;
    /* The instant (ns UTC) of local wall time `minute_of_day` on local date `day`; a time
     * skipped by a spring-forward switch maps to the instant an hour later. */
    edgehost_calendar_instant_fn instant;
} edgehost_calendar_service_t;

/* ---------------------------------------------------------------------------------------
 * 6. The entry point. A pack defines exactly one exported object:
 *
 *     EDGEHOST_EXPORT const edgehost_pack_entry_t edgehost_pack_entry = { ... };
 *
 * The host reads header, pack_id and pack_version before calling anything (so it can
 * reject a wrong ABI or a duplicate id without running pack code), then calls init once,
 * get_factory any number of times, and deinit once at exit.
 * ------------------------------------------------------------------------------------- */
typedef struct edgehost_pack_entry {
    edgehost_struct_header_t header;

    const char* pack_id;       /* e.g. "zeroedge"; [a-z0-9_-]+; static */
    const char* pack_version;  /* semantic version of the pack, e.g. "0.1.0"; static */
    const char* description;   /* one line; static */

    /* Initialises the pack. `host` stays valid until deinit returns. Returns EDGEHOST_OK or
     * an error with `last_error` set; after a failed init the host calls nothing else, not
     * even deinit, so clean up before returning. Called once, first. [main-thread] */
    edgehost_status_t (*init)(const edgehost_host_api_t* host);

    /* Releases everything init made. Instances were all destroyed before. [main-thread] */
    void (*deinit)(void);

    /* Returns the factory for a versioned id (EDGEHOST_*_V1), or NULL when the pack does not
     * provide that kind. The pointer is static. [thread-safe] after init. */
    const void* (*get_factory)(const char* factory_id);

    /* Message for the last failed init; valid until the next call into the entry.
     * [main-thread] */
    const char* (*last_error)(void);
} edgehost_pack_entry_t;

/* The declaration the host looks up. */
typedef const edgehost_pack_entry_t edgehost_pack_entry_type;

/* Declared here so the compiler checks a pack's definition against it (a wrong type or a
 * missing const is an error, not a crash at load time). */
EDGEHOST_EXPORT extern const edgehost_pack_entry_t edgehost_pack_entry;

/* Function types, so Swift (and C++) implementations can be pinned to the header:
 * `let f: edgehost_indicator_compute_fn = myCompute` fails to compile on a mismatch. */
typedef edgehost_status_t (*edgehost_init_fn)(const edgehost_host_api_t* host);
typedef void (*edgehost_deinit_fn)(void);
typedef const void* (*edgehost_get_factory_fn)(const char* factory_id);
typedef const char* (*edgehost_entry_last_error_fn)(void);
typedef edgehost_status_t (*edgehost_indicator_compute_fn)(
    edgehost_indicator_t*, const struct ArrowSchema*, const struct ArrowArray*,
    struct ArrowSchema*, struct ArrowArray*);
typedef edgehost_status_t (*edgehost_indicator_lookback_fn)(const edgehost_indicator_t*, int64_t*, int64_t*);
typedef edgehost_status_t (*edgehost_labeler_horizon_fn)(const edgehost_labeler_t*, int64_t*, int64_t*);
typedef edgehost_status_t (*edgehost_labeler_label_fn)(
    edgehost_labeler_t*, const struct ArrowSchema*, const struct ArrowArray*,
    struct ArrowSchema*, struct ArrowArray*);
typedef edgehost_status_t (*edgehost_data_adapter_open_fn)(
    edgehost_data_adapter_t*, const char*, struct ArrowArrayStream*);
typedef edgehost_status_t (*edgehost_gate_evaluate_fn)(edgehost_gate_t*, const char*, const char**);
typedef edgehost_status_t (*edgehost_risk_profile_budgets_fn)(edgehost_risk_profile_t*, const char**);
typedef edgehost_status_t (*edgehost_factory_create_fn)(
    const edgehost_factory_t*, const char*, const char*, void**);
typedef uint32_t (*edgehost_factory_count_fn)(const edgehost_factory_t*);
typedef const edgehost_component_desc_t* (*edgehost_factory_descriptor_fn)(const edgehost_factory_t*, uint32_t);
typedef const char* (*edgehost_factory_last_error_fn)(const edgehost_factory_t*);
/* The host API and its services. */
typedef void (*edgehost_host_log_fn)(const edgehost_host_api_t*, int32_t, const char*);
typedef void* (*edgehost_host_alloc_fn)(const edgehost_host_api_t*, size_t);
typedef void (*edgehost_host_free_fn)(const edgehost_host_api_t*, void*);
typedef const void* (*edgehost_host_get_service_fn)(const edgehost_host_api_t*, const char*);
typedef const char* (*edgehost_env_get_fn)(const edgehost_host_api_t*, const char*);
/* The members every instance struct shares (EDGEHOST_INSTANCE_COMMON), per kind. */
typedef const char* (*edgehost_data_adapter_last_error_fn)(const edgehost_data_adapter_t*);
typedef void (*edgehost_data_adapter_destroy_fn)(edgehost_data_adapter_t*);
typedef const char* (*edgehost_indicator_last_error_fn)(const edgehost_indicator_t*);
typedef void (*edgehost_indicator_destroy_fn)(edgehost_indicator_t*);
typedef const char* (*edgehost_labeler_last_error_fn)(const edgehost_labeler_t*);
typedef void (*edgehost_labeler_destroy_fn)(edgehost_labeler_t*);
typedef const char* (*edgehost_gate_last_error_fn)(const edgehost_gate_t*);
typedef void (*edgehost_gate_destroy_fn)(edgehost_gate_t*);
typedef const char* (*edgehost_risk_profile_last_error_fn)(const edgehost_risk_profile_t*);
typedef void (*edgehost_risk_profile_destroy_fn)(edgehost_risk_profile_t*);
/* The Arrow callbacks a producer sets (section 2), for the same pinning. */
typedef void (*edgehost_arrow_schema_release_fn)(struct ArrowSchema*);
typedef void (*edgehost_arrow_array_release_fn)(struct ArrowArray*);
typedef int (*edgehost_arrow_stream_get_schema_fn)(struct ArrowArrayStream*, struct ArrowSchema*);
typedef int (*edgehost_arrow_stream_get_next_fn)(struct ArrowArrayStream*, struct ArrowArray*);
typedef const char* (*edgehost_arrow_stream_last_error_fn)(struct ArrowArrayStream*);
typedef void (*edgehost_arrow_stream_release_fn)(struct ArrowArrayStream*);

#ifdef __cplusplus
}
#endif

#endif /* EDGEHOST_PLUGIN_H */
