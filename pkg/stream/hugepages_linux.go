package stream

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// hugePages asks the kernel to back the rows of the facilities' table
// with huge pages (transparent huge pages, where it gives them on
// request): the projects look facilities up all over the table, and with
// 4 KiB pages nearly every lookup also misses the TLB. Only a hint: the
// memory stays the Go heap's.
func hugePages(rows []tableRow) {
	if len(rows) == 0 {
		return
	}
	size := uintptr(len(rows)) * unsafe.Sizeof(rows[0])
	start := uintptr(unsafe.Pointer(&rows[0]))
	const huge = 2 << 20
	from, to := (start+huge-1)&^(huge-1), (start+size)&^(huge-1)
	if to <= from {
		return // not one whole huge page
	}
	unix.Madvise(unsafe.Slice((*byte)(unsafe.Add(unsafe.Pointer(&rows[0]), from-start)), to-from), unix.MADV_HUGEPAGE)
}
