package publish

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/synth"
)

// BenchmarkBuild measures the whole build (load → lint → encode → sign →
// self-verify → release files → atomic publish) of a first release.
func BenchmarkBuild(b *testing.B) {
	synth.Bench(b, synth.Sizes, func(b *testing.B, n int) {
		src, err := synth.Cached(n)
		if err != nil {
			b.Fatal(err)
		}
		benchBuild(b, src, signer(b, keys.RSA3072))
	})
}

// benchBuild measures first releases of the sources src, signed with key.
func benchBuild(b *testing.B, src string, key *keys.Key) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		out := filepath.Join(b.TempDir(), fmt.Sprint(i))
		if _, err := Build(Options{Sources: src, Out: out, Key: key, IssueTime: issue}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSignDocument measures jtsl sign FILE.xml: parse, decode and
// check the unsigned list, sign it, self-verify the signed bytes.
func BenchmarkSignDocument(b *testing.B) {
	synth.Bench(b, synth.Sizes, func(b *testing.B, n int) {
		src, err := synth.Cached(n)
		if err != nil {
			b.Fatal(err)
		}
		in := unsignedFrom(b, src)
		for _, alg := range []keys.Algorithm{keys.ECP256, keys.RSA3072} {
			b.Run(string(alg), func(b *testing.B) {
				key := signer(b, alg)
				b.SetBytes(int64(len(in)))
				b.ReportAllocs()
				for b.Loop() {
					if _, err := SignDocument(in, SignOptions{Key: key, SigningTime: issue}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	})
}

// BenchmarkRebuild measures a build over a previous release (read,
// verified and compared), as every release after the first is: a reissue
// of the same sources with the next sequence number.
func BenchmarkRebuild(b *testing.B) {
	synth.Bench(b, []int{1000, 10000}, func(b *testing.B, n int) {
		src, err := synth.Cached(n)
		if err != nil {
			b.Fatal(err)
		}
		key := signer(b, keys.RSA3072)
		out := filepath.Join(b.TempDir(), "out")
		if _, err := Build(Options{Sources: src, Out: out, Key: key, IssueTime: issue}); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			at := issue.Add(time.Duration(i+1) * time.Hour)
			if _, err := Build(Options{Sources: src, Out: out, Key: key, IssueTime: at, Reissue: true}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
