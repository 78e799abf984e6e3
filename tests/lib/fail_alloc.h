/* Allocation-failure injection for tests: the unit-test binary is linked
 * with -Wl,--wrap for malloc, calloc, realloc and strdup, so calls from our own
 * objects go through here (cJSON, a shared library, is not affected). */
#ifndef TEST_FAIL_ALLOC_H
#define TEST_FAIL_ALLOC_H

/* The n-th allocation from now fails (1 = the next one); 0 turns it off. */
void fail_alloc_after(unsigned n);
/* True if an injected failure happened since the last fail_alloc_after. */
int fail_alloc_fired(void);

#endif
