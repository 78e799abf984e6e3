/*
 * Do not edit directly: auto-generated from schema/messages.yaml by codegen/generate.py.
 * Edit the schema and run `make gen`.
 * Schema fingerprint: bb47d38106413511
 */
#ifndef MSG_TEST_MESSAGES_H
#define MSG_TEST_MESSAGES_H

/* Adds the generated CUnit suite to the registry; 0 on success. */
int msg_register_generated_tests(void);

#endif
