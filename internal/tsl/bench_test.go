package tsl_test

import (
	"testing"

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
