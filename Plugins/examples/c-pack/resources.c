/*
 * resources.c — files shipped inside the pack, served through EDGEHOST_RESOURCES_V1.
 */
#include "c_pack.h"

/* The pack's basic indicator set: both indicators, with their parameters spelled out. */
static const char basic_set[] =
    "# cexample basic indicator set: the two indicators of the C example pack.\n"
    "name: cexample_basic_v1\n"
    "pack: cexample\n"
    "indicators:\n"
    "  - id: momentum\n"
    "    params:\n"
    "      period: 10\n"
    "  - id: range_pct\n"
    "    params: {}\n";

static const edgehost_resource_t basic_set_resource = {
    EDGEHOST_HEADER(edgehost_resource_t),
    "indicator_sets/cexample_basic_v1.yaml",
    "application/yaml",
    (const uint8_t*)basic_set,
    sizeof basic_set - 1, /* without the NUL */
};

static const edgehost_resource_t* const resources[] = { &basic_set_resource };

const edgehost_resource_table_t cp_resources = {
    EDGEHOST_HEADER(edgehost_resource_table_t),
    CP_COUNT(resources),
    0u,
    resources,
};
