package site

import (
	"bytes"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/source"
	"github.com/jtsl/jtsl/internal/synth"
)

// BenchmarkRender renders the page of synthetic lists of growing size
// (sizes above 1000 services are skipped under -short).
func BenchmarkRender(b *testing.B) {
	opts := options(b, fixture(b))
	issued := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	for _, n := range []int{100, 1000, 10000, 50000} {
		if testing.Short() && n > 1000 {
			continue
		}
		b.Run(fmt.Sprintf("services=%d", n), func(b *testing.B) {
			dir, err := synth.Cached(n)
			if err != nil {
				b.Fatal(err)
			}
			set, diags, err := source.Load(dir)
			if err != nil || diags.HasErrors() {
				b.Fatal(err, diags)
			}
			l := set.List
			l.Scheme.SequenceNumber, l.Scheme.ListIssueDateTime = 4, issued
			nu := issued.AddDate(0, 6, 0)
			l.Scheme.NextUpdate = &nu
			var page bytes.Buffer
			if err := Render(&page, l, opts); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(page.Len()))
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if err := Render(io.Discard, l, opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
