package main

import (
	"os"
	"runtime/pprof"
)

// cpuProfile starts a CPU profile into the file PARKS_CPUPROFILE names,
// for scripts/pgo.sh (the profile the build optimizes for, default.pgo);
// the function it returns stops it. Without the variable it does nothing.
func cpuProfile() (stop func()) {
	path := os.Getenv("PARKS_CPUPROFILE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return func() {}
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}
