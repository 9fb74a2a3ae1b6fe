package site

import (
	"bytes"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/synth"
)

// BenchmarkRender renders the page of synthetic lists of growing size
// (sizes above 1000 services are skipped under -short).
func BenchmarkRender(b *testing.B) {
	opts := options(b, fixture(b))
	issued := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	synth.Bench(b, synth.Sizes, func(b *testing.B, n int) {
		l := synth.Load(b, n).List
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
			// Into a buffer of its own, as a release renders it.
			var page bytes.Buffer
			if err := Render(&page, l, opts); err != nil {
				b.Fatal(err)
			}
		}
	})
}
