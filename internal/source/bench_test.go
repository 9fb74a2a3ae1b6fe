package source_test

import (
	"fmt"
	"testing"

	"github.com/jtsl/jtsl/internal/source"
	"github.com/jtsl/jtsl/internal/synth"
)

// BenchmarkLoad measures reading, schema validation and compilation of
// synthetic sources (issue 7).
func BenchmarkLoad(b *testing.B) {
	for _, n := range []int{100, 1000, 10000, 50000} {
		if testing.Short() && n > 1000 {
			continue
		}
		b.Run(fmt.Sprintf("services=%d", n), func(b *testing.B) {
			dir, err := synth.Cached(n)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, d, err := source.Load(dir); err != nil || len(d) > 0 {
					b.Fatal(err, d)
				}
			}
		})
	}
}
