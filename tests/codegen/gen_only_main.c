/* Runs only the generated codec suite: used to check a freshly generated schema. */
#include <CUnit/Basic.h>

#include "test_messages.h"

int main(void)
{
	unsigned failures;

	if (CU_initialize_registry() != CUE_SUCCESS || msg_register_generated_tests() != 0)
		return 2;
	CU_basic_set_mode(CU_BRM_SILENT);
	CU_basic_run_tests();
	failures = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
	printf("generated tests run: %u, failed: %u\n", CU_get_number_of_tests_run(), failures);
	CU_cleanup_registry();
	return failures ? 1 : 0;
}
