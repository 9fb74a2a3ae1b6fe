package lint_test

import (
	"testing"

	"github.com/jtsl/jtsl/internal/lint"
	"github.com/jtsl/jtsl/internal/synth"
)

// BenchmarkCheck measures every rule over synthetic sources (issue 7).
func BenchmarkCheck(b *testing.B) {
	synth.Bench(b, synth.Sizes, func(b *testing.B, n int) {
		set := synth.Load(b, n)
		opts := lint.Options{IssueTime: synth.Epoch.AddDate(2, 6, 0)}
		b.ReportAllocs()
		for b.Loop() {
			if d := lint.Check(set, opts); len(d) > 0 {
				b.Fatal(d)
			}
		}
	})
}
