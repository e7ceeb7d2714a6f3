// Debian libsqlite3-dev: the system SQLite for the incremental-run cache.
#include <sqlite3.h>
