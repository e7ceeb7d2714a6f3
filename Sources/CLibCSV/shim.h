// Debian's libcsv-dev installs csv.h and libcsv; it ships no pkg-config file.
#include <csv.h>
