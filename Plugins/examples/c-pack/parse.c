/*
 * parse.c — text parsing for the CSV adapter: CSV fields and lines. Declared (and documented)
 * in c_pack.h. Dates and timestamps use edgehost_parse_date/_timestamp from the helpers.
 */
#include <stdio.h>
#include <string.h>

#include "c_pack.h"

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
