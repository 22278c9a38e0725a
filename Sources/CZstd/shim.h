// zstd's streaming API from libzstd-dev: the DBN decoder reads Databento's .dbn.zst files with it.
#include <zstd.h>
