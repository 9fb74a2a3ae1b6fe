package xades_test

import (
	"crypto/elliptic"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/keys/keystest"
	"github.com/jtsl/jtsl/internal/synth"
	"github.com/jtsl/jtsl/internal/tsl"
	"github.com/jtsl/jtsl/internal/xades"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

// unsigned returns the synthetic list of n services as XML bytes.
func unsigned(b *testing.B, n int) []byte {
	b.Helper()
	set := synth.Load(b, n)
	set.List.Scheme.ListIssueDateTime = synth.Epoch.AddDate(2, 0, 0)
	data, err := tsl.Marshal(set.List)
	if err != nil {
		b.Fatal(err)
	}
	return data
}

var at = time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)

// BenchmarkSign measures XAdES-B-B signing of a parsed list (canonical
// digest of the document, signed properties, signature value); parsing
// is outside the loop.
func BenchmarkSign(b *testing.B) {
	key := keystest.EC(b, elliptic.P256())
	synth.Bench(b, synth.Sizes, func(b *testing.B, n int) {
		data := unsigned(b, n)
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			b.StopTimer()
			doc, err := xmldoc.ParseBytes(data, xmldoc.Own(data))
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			if err := xades.Sign(doc.Document, key.Signer, key.Cert, xades.SignOptions{SigningTime: at}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkVerify measures the signature checks on a parsed signed list.
func BenchmarkVerify(b *testing.B) {
	key := keystest.EC(b, elliptic.P256())
	synth.Bench(b, synth.Sizes, func(b *testing.B, n int) {
		data := unsigned(b, n)
		doc, err := xmldoc.ParseBytes(data, xmldoc.Own(data))
		if err != nil {
			b.Fatal(err)
		}
		if err := xades.Sign(doc.Document, key.Signer, key.Cert, xades.SignOptions{SigningTime: at}); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if r := xades.Verify(doc.Document, xades.VerifyOptions{At: at}); !r.Valid() {
				b.Fatalf("%+v", r.Checks)
			}
		}
	})
}
