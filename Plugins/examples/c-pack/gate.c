/*
 * gate.c — data gate `max_nan_pct`.
 *
 * Facts: {"nan_pct": {"feature": 12.5, ...}, ...} (percentages, 0..100). A feature above
 * `fail_pct` fails the gate, one above `warn_pct` warns; each is named in the reasons:
 *   {"status": "warn", "reasons": ["feature 'mom_10' is 12.5% NaN (warn above 10%)"]}
 */
#include <stdlib.h>

#include "c_pack.h"

typedef struct gate {
    edgehost_gate_t api;
    cp_error_t err;
    double warn_pct, fail_pct;
    cp_buf_t verdict; /* the last verdict JSON, owned by the instance */
} gate_t;

static edgehost_status_t max_nan_pct_evaluate(edgehost_gate_t* self, const char* facts_json, const char** out_verdict) {
    static const char* const status_names[3] = { "pass", "warn", "fail" };
    gate_t* g = (gate_t*)self->state;
    const char* cursor = facts_json ? cp_json_find(facts_json, "nan_pct") : NULL;
    const char* value;
    char feature[256];
    int status = 0, more;
    cp_buf_t reasons = { NULL, 0, 0, 0 };
    if (out_verdict == NULL) return CP_FAIL(&g->err, EDGEHOST_ERR_INVALID_ARGUMENT, "NULL argument");
    if (cursor == NULL || *cursor != '{') {
        return CP_FAIL(&g->err, EDGEHOST_ERR_INVALID_ARGUMENT, "max_nan_pct: facts need an object \"nan_pct\"");
    }
    while ((more = cp_json_member(&cursor, feature, sizeof feature, &value)) == 1) {
        char reason[400];
        double pct;
        int level;
        if (!cp_json_number(value, &pct)) {
            free(reasons.data);
            return CP_FAIL(&g->err, EDGEHOST_ERR_INVALID_ARGUMENT, "max_nan_pct: nan_pct of '%s' is not a number",
                           feature);
        }
        level = pct > g->fail_pct ? 2 : pct > g->warn_pct ? 1 : 0;
        if (level == 0) continue;
        status = level > status ? level : status;
        snprintf(reason, sizeof reason, "feature '%s' is %.1f%% NaN (%s above %g%%)", feature, pct,
                 status_names[level], level == 2 ? g->fail_pct : g->warn_pct);
        cp_buf_printf(&reasons, "%s", reasons.len ? ", " : "");
        cp_buf_json_string(&reasons, reason);
    }
    if (more < 0) {
        free(reasons.data);
        return CP_FAIL(&g->err, EDGEHOST_ERR_INVALID_ARGUMENT, "max_nan_pct: malformed \"nan_pct\" object");
    }
    g->verdict.len = 0;
    cp_buf_printf(&g->verdict, "{\"status\": \"%s\", \"reasons\": [%s]}", status_names[status],
                  reasons.data ? reasons.data : "");
    free(reasons.data);
    if (reasons.failed || g->verdict.failed) {
        g->verdict.failed = 0;
        return CP_FAIL(&g->err, EDGEHOST_ERR_NO_MEMORY, "out of memory");
    }
    *out_verdict = g->verdict.data;
    return EDGEHOST_OK;
}

static const char* gate_last_error(const edgehost_gate_t* self) {
    return ((const gate_t*)self->state)->err.text;
}

static void gate_destroy(edgehost_gate_t* self) {
    gate_t* g = (gate_t*)self->state;
    free(g->verdict.data);
    free(g);
}

static const edgehost_param_desc_t warn_param =
    CP_PARAM("warn_pct", EDGEHOST_PARAM_FLOAT, "10", 0, 100, "warn when a feature has more NaN than this (%)");
static const edgehost_param_desc_t fail_param =
    CP_PARAM("fail_pct", EDGEHOST_PARAM_FLOAT, "30", 0, 100, "fail when a feature has more NaN than this (%)");
static const edgehost_param_desc_t* const params[] = { &warn_param, &fail_param };

static const edgehost_component_desc_t desc = {
    .header = EDGEHOST_HEADER(edgehost_component_desc_t),
    .id = "max_nan_pct",
    .version = "1.0.0",
    .description = "warn or fail when a feature's NaN percentage (facts.nan_pct) is too high",
    .params = params,
    .param_count = CP_COUNT(params),
};

static edgehost_status_t max_nan_pct_create(const char* params_json, cp_error_t* err, void** out_instance) {
    double warn, fail;
    edgehost_status_t rc = cp_param_number(params_json, &warn_param, &warn, err);
    gate_t* g;
    if (rc == EDGEHOST_OK) rc = cp_param_number(params_json, &fail_param, &fail, err);
    if (rc != EDGEHOST_OK) return rc;
    if (warn > fail) {
        return CP_FAIL(err, EDGEHOST_ERR_INVALID_ARGUMENT, "warn_pct (%g) exceeds fail_pct (%g)", warn, fail);
    }
    if ((g = (gate_t*)calloc(1, sizeof *g)) == NULL) return CP_FAIL(err, EDGEHOST_ERR_NO_MEMORY, "out of memory");
    g->api = (edgehost_gate_t){ EDGEHOST_HEADER(edgehost_gate_t), g, gate_last_error, gate_destroy,
                                max_nan_pct_evaluate };
    g->warn_pct = warn;
    g->fail_pct = fail;
    *out_instance = &g->api;
    return EDGEHOST_OK;
}

const cp_component_t cp_max_nan_pct = { &desc, max_nan_pct_create };
