package mirror

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"testing"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/synth"
)

// synthList loads the synthetic sources of n services as a build would
// see them: issued, numbered and with a next update.
func synthList(b *testing.B, n int) *model.List {
	b.Helper()
	l := synth.Load(b, n).List
	l.Scheme.SequenceNumber, l.Scheme.ListIssueDateTime, l.ID = 4, issued, "JP-TL-4"
	nu := issued.AddDate(0, 6, 0)
	l.Scheme.NextUpdate = &nu
	return l
}

// benchSizesRun runs f as one sub-benchmark "services=N" per size.
func benchSizesRun(b *testing.B, f func(b *testing.B, l *model.List)) {
	synth.Bench(b, synth.Sizes, func(b *testing.B, n int) {
		l := synthList(b, n)
		b.ReportAllocs()
		f(b, l)
	})
}

func BenchmarkEncode(b *testing.B) {
	benchSizesRun(b, func(b *testing.B, l *model.List) {
		for b.Loop() {
			if _, err := Encode(l); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkValidate(b *testing.B) {
	benchSizesRun(b, func(b *testing.B, l *model.List) {
		js, err := Encode(l)
		if err != nil {
			b.Fatal(err)
		}
		if err := Validate(js); err != nil { // compiles the schema outside the loop
			b.Fatal(err)
		}
		b.SetBytes(int64(len(js)))
		b.ResetTimer()
		for b.Loop() {
			if err := Validate(js); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkSign(b *testing.B) {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		b.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{Country: []string{"JP"}},
		NotBefore: issued.AddDate(-1, 0, 0), NotAfter: issued.AddDate(2, 0, 0), KeyUsage: x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, k.Public(), k)
	if err != nil {
		b.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		b.Fatal(err)
	}
	benchSizesRun(b, func(b *testing.B, l *model.List) {
		js, err := Encode(l)
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(js)))
		b.ResetTimer()
		for b.Loop() {
			if _, err := Sign(js, k, cert, issued); err != nil {
				b.Fatal(err)
			}
		}
	})
}
