package verify

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/testtool"
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
