//go:build !linux

package stream

// hugePages is for Linux only (hugepages_linux.go).
func hugePages([]tableRow) {}
