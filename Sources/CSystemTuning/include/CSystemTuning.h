#ifndef C_SYSTEM_TUNING_H
#define C_SYSTEM_TUNING_H

/// Fixes glibc's mmap and trim thresholds at 128 KiB (see the caller in the executable);
/// does nothing where the C library is not glibc.
void igf_tune_malloc(void);

#include <stddef.h>

/// Gives the pages of freed memory back to the system, wherever they are in the heap
/// (glibc's `malloc_trim`); does nothing elsewhere.
void igf_release_free_memory(void);

/// Bytes the C heap has handed out and not taken back (glibc 2.33 and later; else 0).
size_t igf_heap_in_use(void);

/// Asks the kernel to start writing `length` bytes of the file from `offset` to disk without
/// waiting (Linux's `sync_file_range` with `SYNC_FILE_RANGE_WRITE`), so a later fsync has less
/// to wait for; returns its result (0 elsewhere, where it does nothing).
int igf_start_writeback(int descriptor, long long offset, long long length);

#endif
