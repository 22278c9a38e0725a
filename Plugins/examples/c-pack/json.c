/*
 * json.c — a walker for the gate's facts (an object holding an object, which the helpers'
 * flat reader refuses) and a string buffer for JSON output. Not a validator: it trusts the
 * host to send well-formed JSON and only guards against reading past the end. Numbers go
 * through strtod (the "C" locale). Parameters and queries use edgehost_json_parse.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c_pack.h"

static const char* skip_ws(const char* p) {
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
    return p;
}

/* Decodes the string at p (at its opening quote) into out[size] (out may be NULL to skip).
 * Returns the position after the closing quote, or NULL when malformed or too long. */
static const char* read_string(const char* p, char* out, size_t size) {
    size_t n = 0;
    if (*p++ != '"') return NULL;
    while (*p != '"') {
        unsigned c = (unsigned char)*p++;
        if (c == '\0') return NULL;
        if (c == '\\') {
            c = (unsigned char)*p++;
            switch (c) {
            case 'n': c = '\n'; break;
            case 't': c = '\t'; break;
            case 'r': c = '\r'; break;
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case '"': case '\\': case '/': break;
            case 'u': /* only \u0001..\u007f; anything else is replaced by '?' */
                if (strlen(p) < 4) return NULL;
                c = (unsigned)strtoul((char[5]){ p[0], p[1], p[2], p[3], 0 }, NULL, 16);
                if (c == 0 || c > 0x7f) c = '?';
                p += 4;
                break;
            default: return NULL;
            }
        }
        if (out != NULL) {
            if (n + 1 >= size) return NULL;
            out[n++] = (char)c;
        }
    }
    if (out != NULL) out[n] = '\0';
    return p + 1;
}

/* Returns the position after the value at p, or NULL when malformed. */
static const char* skip_value(const char* p) {
    int depth = 0;
    do {
        p = skip_ws(p);
        if (*p == '"') {
            p = read_string(p, NULL, 0);
            if (p == NULL) return NULL;
        } else if (*p == '{' || *p == '[') {
            depth++, p++;
        } else if (*p == '}' || *p == ']') {
            if (depth-- == 0) return NULL;
            p++;
        } else if (*p == ',' || *p == ':') {
            if (depth == 0) return NULL;
            p++;
        } else if (*p != '\0') { /* number, true, false, null */
            while (*p != '\0' && strchr(",:{}[]\" \t\r\n", *p) == NULL) p++;
        } else {
            return NULL;
        }
    } while (depth > 0);
    return p;
}

int cp_json_member(const char** cursor, char* key, size_t key_size, const char** value) {
    const char* p = skip_ws(*cursor);
    if (*p == '{' || *p == ',') p = skip_ws(p + 1);
    if (*p == '}') return 0;
    p = read_string(p, key, key_size);
    if (p == NULL) return -1;
    p = skip_ws(p);
    if (*p != ':') return -1;
    *value = skip_ws(p + 1);
    p = skip_value(*value);
    if (p == NULL) return -1;
    *cursor = p;
    return 1;
}

const char* cp_json_find(const char* object, const char* key) {
    char name[256];
    const char* value;
    const char* cursor = skip_ws(object);
    if (*cursor != '{') return NULL;
    while (cp_json_member(&cursor, name, sizeof name, &value) == 1) {
        if (strcmp(name, key) == 0) return value;
    }
    return NULL;
}

int cp_json_number(const char* value, double* out) {
    char* end;
    if (*value != '-' && (*value < '0' || *value > '9')) return 0; /* no nan, inf, hex */
    *out = strtod(value, &end);
    end = (char*)skip_ws(end);
    return *end == '\0' || *end == ',' || *end == '}' || *end == ']';
}

edgehost_status_t cp_param_number(const char* params_json, const edgehost_param_desc_t* p, double* out,
                                  cp_error_t* err) {
    edgehost_json_t params;
    int found;
    if (edgehost_json_parse(params_json, &params, CP_ERRBUF(err)) != 0) return EDGEHOST_ERR_INVALID_ARGUMENT;
    found = edgehost_json_number(&params, p->name, out);
    edgehost_json_free(&params);
    /* The host fills defaults before `create`; the pack's own literal covers a direct call. */
    if (found == 0 && p->default_json != NULL) found = cp_json_number(p->default_json, out) ? 1 : -1;
    if (found != 1) {
        return CP_FAIL(err, EDGEHOST_ERR_INVALID_ARGUMENT, "parameter '%s' must be a number", p->name);
    }
    if (p->type == EDGEHOST_PARAM_INT && *out != floor(*out)) {
        return CP_FAIL(err, EDGEHOST_ERR_INVALID_ARGUMENT, "parameter '%s' must be an integer, got %g", p->name, *out);
    }
    if ((!isnan(p->min) && *out < p->min) || (!isnan(p->max) && *out > p->max)) {
        return CP_FAIL(err, EDGEHOST_ERR_INVALID_ARGUMENT, "parameter '%s' = %g is outside [%g, %g]", p->name, *out,
                       p->min, p->max);
    }
    return EDGEHOST_OK;
}

void cp_buf_printf(cp_buf_t* b, const char* fmt, ...) {
    va_list args;
    int n;
    va_start(args, fmt);
    n = vsnprintf(NULL, 0, fmt, args);
    va_end(args);
    if (n < 0 || b->failed) return;
    if (b->len + (size_t)n + 1 > b->cap) {
        size_t cap = (b->len + (size_t)n + 1) * 2;
        char* data = (char*)realloc(b->data, cap);
        if (data == NULL) {
            b->failed = 1;
            return;
        }
        b->data = data;
        b->cap = cap;
    }
    va_start(args, fmt);
    vsnprintf(b->data + b->len, b->cap - b->len, fmt, args);
    va_end(args);
    b->len += (size_t)n;
}

void cp_buf_json_string(cp_buf_t* b, const char* s) {
    cp_buf_printf(b, "\"");
    for (; *s != '\0'; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') cp_buf_printf(b, "\\%c", c);
        else if (c < 0x20) cp_buf_printf(b, "\\u%04x", c);
        else cp_buf_printf(b, "%c", c);
    }
    cp_buf_printf(b, "\"");
}
