package lint_test

import (
	"fmt"
	"testing"

	"github.com/jtsl/jtsl/internal/lint"
	"github.com/jtsl/jtsl/internal/source"
	"github.com/jtsl/jtsl/internal/synth"
)

// BenchmarkCheck measures every rule over synthetic sources (issue 7).
func BenchmarkCheck(b *testing.B) {
	for _, n := range []int{100, 1000, 10000, 50000} {
		if testing.Short() && n > 1000 {
			continue
		}
		b.Run(fmt.Sprintf("services=%d", n), func(b *testing.B) {
			dir, err := synth.Cached(n)
			if err != nil {
				b.Fatal(err)
			}
			set, d, err := source.Load(dir)
			if err != nil || len(d) > 0 {
				b.Fatal(err, d)
			}
			opts := lint.Options{IssueTime: synth.Epoch.AddDate(2, 6, 0)}
			b.ReportAllocs()
			for b.Loop() {
				if d := lint.Check(set, opts); len(d) > 0 {
					b.Fatal(d)
				}
			}
		})
	}
}
