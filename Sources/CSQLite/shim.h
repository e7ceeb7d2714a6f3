// Debian libsqlite3-dev: the system SQLite for the incremental-run cache.
#include <sqlite3.h>

// Turns off SQLite's memory statistics: with them on, every allocation of every connection
// takes one process-wide mutex, which serializes the run store's years when their passes
// run on several threads. Must run before the first connection opens (SQLITE_MISUSE after).
static inline int igf_sqlite_without_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
