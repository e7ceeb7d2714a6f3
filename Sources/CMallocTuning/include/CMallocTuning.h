#ifndef C_MALLOC_TUNING_H
#define C_MALLOC_TUNING_H

/// Fixes glibc's mmap and trim thresholds at 128 KiB (see the caller in the executable);
/// does nothing where the C library is not glibc.
void igf_tune_malloc(void);

#endif
