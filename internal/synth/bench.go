package synth

import (
	"fmt"
	"testing"

	"github.com/jtsl/jtsl/internal/source"
)

// Sizes are the list sizes of the benchmarks (issue 7), in services.
var Sizes = []int{100, 1000, 10000, 50000}

// Bench runs run as one sub-benchmark "services=N" for each of sizes;
// sizes above 1000 services are left out under -short.
func Bench(b *testing.B, sizes []int, run func(b *testing.B, n int)) {
	for _, n := range sizes {
		if testing.Short() && n > 1000 {
			continue
		}
		b.Run(fmt.Sprintf("services=%d", n), func(b *testing.B) { run(b, n) })
	}
}

// Load returns the synthetic sources of n services (Cached), loaded
// without a finding.
func Load(tb testing.TB, n int) *source.Set {
	tb.Helper()
	dir, err := Cached(n)
	if err != nil {
		tb.Fatal(err)
	}
	set, diags, err := source.Load(dir)
	if err != nil || len(diags) > 0 {
		tb.Fatal(err, diags)
	}
	return set
}
