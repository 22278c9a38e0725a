/*
 * parse.c — text parsing for the CSV adapter: ISO 8601 dates and UTC timestamps, CSV fields
 * and lines. Declared (and documented) in c_pack.h.
 */
#include <stdio.h>
#include <string.h>

#include "c_pack.h"

/* Reads `n` digits at p into *out; returns p + n, or NULL. */
static const char* digits(const char* p, int n, int* out) {
    *out = 0;
    while (n-- > 0) {
        if (*p < '0' || *p > '9') return NULL;
        *out = *out * 10 + (*p++ - '0');
    }
    return p;
}

const char* cp_parse_date(const char* p, int64_t* day) {
    static const int month_days[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int y, m, d;
    if ((p = digits(p, 4, &y)) == NULL || *p++ != '-' || (p = digits(p, 2, &m)) == NULL || *p++ != '-' ||
        (p = digits(p, 2, &d)) == NULL || m < 1 || m > 12 || d < 1 || d > month_days[m - 1]) {
        return NULL;
    }
    if (m == 2 && d == 29 && (y % 4 != 0 || (y % 100 == 0 && y % 400 != 0))) return NULL;
    { /* days from civil (H. Hinnant), proleptic Gregorian */
        int64_t yy = y - (m <= 2), era = (yy >= 0 ? yy : yy - 399) / 400;
        int64_t yoe = yy - era * 400, doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        *day = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
    }
    return p;
}

int cp_parse_timestamp(const char* p, int64_t* ns) {
    int64_t day, frac = 0, scale = 100000000;
    int h, mi, s;
    if ((p = cp_parse_date(p, &day)) == NULL || *p++ != 'T' || (p = digits(p, 2, &h)) == NULL || *p++ != ':' ||
        (p = digits(p, 2, &mi)) == NULL || *p++ != ':' || (p = digits(p, 2, &s)) == NULL || h > 23 || mi > 59 ||
        s > 59) {
        return -1;
    }
    if (*p == '.') {
        for (p++; *p >= '0' && *p <= '9'; p++, scale /= 10) frac += (*p - '0') * scale;
    }
    if (*p != 'Z' || p[1] != '\0') return -1;
    *ns = day * CP_NS_PER_DAY + ((int64_t)h * 3600 + mi * 60 + s) * INT64_C(1000000000) + frac;
    return 0;
}

int cp_split_fields(char* line, char** fields, int max) {
    int n = 0;
    fields[n++] = line;
    for (; *line != '\0'; line++) {
        if (*line == ',') {
            *line = '\0';
            if (n == max) return max + 1;
            fields[n++] = line + 1;
        }
    }
    return n;
}

int cp_read_line(FILE* f, char* line, size_t size) {
    size_t n;
    if (fgets(line, (int)size, f) == NULL) return 0;
    n = strlen(line);
    if (n == size - 1 && line[n - 1] != '\n' && !feof(f)) return -1;
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = '\0';
    return 1;
}

int64_t cp_utc_day(int64_t ts_ns) {
    return ts_ns >= 0 ? ts_ns / CP_NS_PER_DAY : -((-ts_ns - 1) / CP_NS_PER_DAY) - 1;
}
