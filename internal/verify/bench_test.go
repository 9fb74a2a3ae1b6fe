package verify

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/synth"
	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/tsl"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

// BenchmarkCheck verifies the largest lists of the corpus (issue 7): the
// figures to compare with xmlsec1 --verify (scripts/bench does that).
func BenchmarkCheck(b *testing.B) {
	for _, name := range []string{"IT_v6_seq223_2026-07-27.xml", "CZ_v6_seq181_2026-08-09.xml", "FR_v5_seq174_2026-04-16.xml"} {
		b.Run(name, func(b *testing.B) {
			data, err := os.ReadFile(filepath.Join(testtool.Shared(), "corpus", "tl", name))
			if err != nil {
				b.Skip(err)
			}
			at := time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				Check(data, Options{At: at})
			}
		})
	}
}

// BenchmarkDecodesTo compares a decoded list with the compiled one, as
// the build's self-verification does (issue 26): two lists of equal
// content that share no memory.
func BenchmarkDecodesTo(b *testing.B) {
	synth.Bench(b, []int{1000, 10000}, func(b *testing.B, n int) {
		want := synth.Load(b, n).List
		data, err := tsl.Marshal(want)
		if err != nil {
			b.Fatal(err)
		}
		got, _, err := tsl.Decode(data, tsl.DecodeOptions{Limits: xmldoc.Own(data)})
		if err != nil {
			b.Fatal(err)
		}
		if c := decodesTo(got, want, false); c.Status != diag.Pass {
			b.Fatal(c)
		}
		for b.Loop() {
			decodesTo(got, want, false)
		}
	})
}
