package source_test

import (
	"testing"

	"github.com/jtsl/jtsl/internal/source"
	"github.com/jtsl/jtsl/internal/synth"
)

// BenchmarkLoad measures reading, schema validation and compilation of
// synthetic sources (issue 7).
func BenchmarkLoad(b *testing.B) {
	synth.Bench(b, synth.Sizes, func(b *testing.B, n int) {
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
