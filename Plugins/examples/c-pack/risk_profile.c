/*
 * risk_profile.c — risk profile `default`: fixed budgets for models trained with this pack.
 */
#include <stdlib.h>

#include "c_pack.h"

typedef struct risk_profile {
    edgehost_risk_profile_t api;
    cp_error_t err;
} risk_profile_t;

static edgehost_status_t default_budgets(edgehost_risk_profile_t* self, const char** out_budgets_json) {
    risk_profile_t* r = (risk_profile_t*)self->state;
    if (out_budgets_json == NULL) return CP_FAIL(&r->err, EDGEHOST_ERR_INVALID_ARGUMENT, "NULL argument");
    /* A string literal is static: valid for longer than "until the next call". */
    *out_budgets_json =
        "{\"threshold_floor\":0.6,\"max_trades_per_day\":3,\"max_drawdown\":0.15,\"position_size\":1.0}";
    return EDGEHOST_OK;
}

static const char* risk_profile_last_error(const edgehost_risk_profile_t* self) {
    return ((const risk_profile_t*)self->state)->err.text;
}

static void risk_profile_destroy(edgehost_risk_profile_t* self) {
    free(self->state);
}

static const edgehost_component_desc_t desc = {
    .header = EDGEHOST_HEADER(edgehost_component_desc_t),
    .id = "default",
    .version = "1.0.0",
    .description = "probability floor 0.6, 3 trades a day, 15% max drawdown, unit size",
};

static edgehost_status_t default_create(const char* params_json, cp_error_t* err, void** out_instance) {
    risk_profile_t* r = (risk_profile_t*)calloc(1, sizeof *r);
    (void)params_json; /* no parameters */
    if (r == NULL) return CP_FAIL(err, EDGEHOST_ERR_NO_MEMORY, "out of memory");
    r->api = (edgehost_risk_profile_t){ EDGEHOST_HEADER(edgehost_risk_profile_t), r, risk_profile_last_error,
                                        risk_profile_destroy, default_budgets };
    *out_instance = &r->api;
    return EDGEHOST_OK;
}

const cp_component_t cp_default_risk = { &desc, default_create };
