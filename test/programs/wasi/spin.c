// Never ends: prints one line, then spins (for --timeout).
#include <stdio.h>
int main(void) { volatile unsigned x = 0; puts("spinning"); fflush(stdout); for (;;) x++; }
