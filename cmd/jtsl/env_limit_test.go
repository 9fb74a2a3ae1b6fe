package main

import (
	"runtime/debug"
	"testing"
)

// TestMemoryLimitRaises: a build sizes the limit for each part it loads;
// a smaller part (a one-service J-TSL beside a large list of trusted
// entities) must not lower what a larger one raised.
func TestMemoryLimitRaises(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	debug.SetMemoryLimit(defaultMemoryLimit)
	for _, tc := range []struct{ n, want int64 }{
		{0, defaultMemoryLimit},
		{1 << 30, 1 << 30},
		{28 << 10, 1 << 30},
		{2 << 30, 2 << 30},
	} {
		memoryLimit(tc.n)
		if got := debug.SetMemoryLimit(-1); got != tc.want {
			t.Errorf("after memoryLimit(%d): %d, want %d", tc.n, got, tc.want)
		}
	}
}
