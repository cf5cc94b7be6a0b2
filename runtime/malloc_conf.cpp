// jemalloc's start-up options, linked into every actorbus executable
// (actorbus_target_defaults in cmake/ActorbusTargets.cmake). jemalloc reads
// the global `malloc_conf` before its first allocation; MALLOC_CONF in the
// environment is applied after it and so still overrides it.
//
// thp:always, metadata_thp:always: back the heap and jemalloc's own
// metadata with transparent huge pages (the kernel's THP mode here is
// "madvise", so jemalloc asks for them explicitly). A broker and the shop
// keep growing indexes, inboxes and tail caches; with 4 KiB pages every new
// page of them was a page fault (~7 % of a shop run in the kernel). A/B on
// 20k shop orders: CPU 2.57 -> 1.94 s, orders/s +8 % (docs/benchmarks.md).
// The price is resident memory in 2 MiB steps.

extern "C" {
extern const char* malloc_conf;
const char* malloc_conf = "thp:always,metadata_thp:always";
}
