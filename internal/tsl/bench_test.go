package tsl_test

import (
	"io"
	"testing"

	"github.com/jtsl/jtsl/internal/c14n"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/synth"
	"github.com/jtsl/jtsl/internal/tsl"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

// synthList loads the synthetic sources of n services as a list ready to
// encode.
func synthList(b *testing.B, n int) *model.List {
	b.Helper()
	l := synth.Load(b, n).List
	l.Scheme.ListIssueDateTime = synth.Epoch.AddDate(2, 0, 0)
	l.Scheme.SequenceNumber = 1
	return l
}

// BenchmarkEncode measures model → XML bytes (issue 7).
func BenchmarkEncode(b *testing.B) {
	synth.Bench(b, synth.Sizes, func(b *testing.B, n int) {
		l := synthList(b, n)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := tsl.Marshal(l); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkDecode measures XML bytes → parsed tree → model.
func BenchmarkDecode(b *testing.B) {
	synth.Bench(b, synth.Sizes, func(b *testing.B, n int) {
		data, err := tsl.Marshal(synthList(b, n))
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if _, d, err := tsl.Decode(data, tsl.DecodeOptions{Limits: xmldoc.Own(data)}); err != nil || d.HasErrors() {
				b.Fatal(err, d)
			}
		}
	})
}

// BenchmarkCanonical measures what a build signs, the list's canonical
// form: written straight from the model (WriteCanonical), and, to compare,
// through Encode's tree and the tree canonicaliser, as builds did before.
func BenchmarkCanonical(b *testing.B) {
	synth.Bench(b, synth.Sizes, func(b *testing.B, n int) {
		l := synthList(b, n)
		b.Run("direct", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := tsl.WriteCanonical(io.Discard, l); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("tree", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				doc, err := tsl.Encode(l)
				if err != nil {
					b.Fatal(err)
				}
				if err := c14n.ExcDocumentTo(io.Discard, doc, doc.Root(), nil, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}
