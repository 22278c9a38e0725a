/* The pack's entry, declared for the test target, which links the pack and hands the entry
 * to PackTestKit (`PackHarness(entry: edgehost_pack_entry)`). */
#ifndef MYPACK_ENTRY_H
#define MYPACK_ENTRY_H

#include <edgehost_plugin.h>

extern const edgehost_pack_entry_t edgehost_pack_entry;

#endif
