package publish

import (
	"fmt"
	"testing"

	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/model"
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
