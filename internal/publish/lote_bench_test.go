package publish

import (
	"fmt"
	"testing"

	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/synth"
)

// BenchmarkSignLoTE10000: both bindings of a list of 10 000 entities (the
// mock list's entities repeated, each its own name) encoded, signed and
// self-verified, as a build does.
func BenchmarkSignLoTE10000(b *testing.B) {
	l := jpLoTE(b)
	base := l.Entities
	l.Entities = nil
	for i := range 10000 {
		e := base[i%len(base)]
		e.Name = model.MultiLang{{Lang: "en", Value: fmt.Sprintf("Entity %d", i)}}
		l.Entities = append(l.Entities, e)
	}
	k := signer(b, keys.ECP256)
	b.ResetTimer()
	for range b.N {
		if _, err := SignLoTE(l, k.Signer, k.Cert, l.Scheme.ListIssueDateTime); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildLoTE: the whole build of a one-service J-TSL with a list
// of trusted entities of n entities (synth.CachedLoTE), as scripts/bench
// measures it beside the n-service J-TSL.
func BenchmarkBuildLoTE(b *testing.B) {
	synth.Bench(b, []int{1000, 10000}, func(b *testing.B, n int) {
		src, err := synth.CachedLoTE(n)
		if err != nil {
			b.Fatal(err)
		}
		benchBuild(b, src, signer(b, keys.ECP256))
	})
}

// BenchmarkBuildSample: the whole build of the sample (make run's
// sources: a small J-TSL and three lists of trusted entities), signed
// with an ECDSA P-256 key as --dev-key signs it. A single CLI run also
// pays the one-time costs (schema compilation and the like) that this
// loop pays once.
func BenchmarkBuildSample(b *testing.B) {
	benchBuild(b, sources(b), signer(b, keys.ECP256))
}
