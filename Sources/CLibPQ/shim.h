// PostgreSQL's client library from libpq-dev: the leaderboard's PostgreSQL backend.
#include <libpq-fe.h>
