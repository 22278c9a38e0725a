// SQLite's C API from libsqlite3-dev: the embedded store behind the leaderboard.
#include <sqlite3.h>
