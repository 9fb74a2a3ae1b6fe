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

// TestCollectNear: a command sized by its input turns the collector off
// within a soft limit of what it needs, and no less than 4 × smallRun;
// GOGC or GOMEMLIMIT set leaves the pacing as it was.
func TestCollectNear(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	for _, tc := range []struct {
		name, gogc, limit string
		need, want        int64
	}{
		{"small", "", "", smallRun, 4 * smallRun},
		{"large", "", "", 1 << 30, 1 << 30},
		{"GOGC set", "100", "", 1 << 20, 0},
		{"GOMEMLIMIT set", "", "1GiB", 1 << 20, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("GOGC", tc.gogc)
			t.Setenv("GOMEMLIMIT", tc.limit)
			debug.SetGCPercent(400)
			debug.SetMemoryLimit(defaultMemoryLimit)
			if got := collectNear(tc.need); got != (tc.want != 0) {
				t.Fatalf("collectNear(%d) = %v, want %v", tc.need, got, tc.want != 0)
			}
			wantGC, wantLimit := 400, int64(defaultMemoryLimit)
			if tc.want != 0 {
				wantGC, wantLimit = -1, tc.want
			}
			if gc, limit := debug.SetGCPercent(400), debug.SetMemoryLimit(-1); gc != wantGC || limit != wantLimit {
				t.Errorf("GOGC %d, limit %d; want %d, %d", gc, limit, wantGC, wantLimit)
			}
		})
	}
}

// TestPacingEndsWithTheCommand: jtsl verify paces the collector by its
// input (here a small list: collection off) and puts the pacing back
// when it returns, for the commands run after it in the same process.
func TestPacingEndsWithTheCommand(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	debug.SetGCPercent(123)
	debug.SetMemoryLimit(300 << 20)
	jtsl(t, "verify", wd("tl.xml"))
	if gc, limit := debug.SetGCPercent(123), debug.SetMemoryLimit(-1); gc != 123 || limit != 300<<20 {
		t.Errorf("after jtsl verify: GOGC %d, limit %d; want 123, %d", gc, limit, 300<<20)
	}
}

// TestPaceBuild: the collector stays off for a small build (within
// 4 × smallRun) and paces a larger one by its services (GOGC 400,
// buildMemoryPerService each, from 4 × smallRun up: below tuneGC's
// default).
func TestPaceBuild(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	defer pacedUntilReturn()()
	for _, tc := range []struct {
		n     int
		gc    int
		limit int64
	}{
		{43, -1, 4 * smallRun},
		{5000, gcPercent, 4 * smallRun},
		{10000, gcPercent, 10000 * buildMemoryPerService},
		{50000, gcPercent, 50000 * buildMemoryPerService},
	} {
		debug.SetGCPercent(gcPercent)
		debug.SetMemoryLimit(defaultMemoryLimit)
		paceBuild(tc.n)
		if gc, limit := debug.SetGCPercent(gcPercent), debug.SetMemoryLimit(-1); gc != tc.gc || limit != tc.limit {
			t.Errorf("%d services: GOGC %d, limit %d; want %d, %d", tc.n, gc, limit, tc.gc, tc.limit)
		}
	}
	// Sized small from its certificate files, large once loaded.
	debug.SetMemoryLimit(defaultMemoryLimit)
	paceBuild(43)
	paceLoaded(10000)
	if gc, limit := debug.SetGCPercent(gcPercent), debug.SetMemoryLimit(-1); gc != gcPercent || limit != 10000*buildMemoryPerService {
		t.Errorf("43 services estimated, 10 000 loaded: GOGC %d, limit %d; want %d, %d", gc, limit, gcPercent, 10000*buildMemoryPerService)
	}
}
