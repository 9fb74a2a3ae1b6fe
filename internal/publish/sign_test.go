package publish

import (
	"bytes"
	"crypto/x509"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/release"
	"github.com/jtsl/jtsl/internal/source"
	"github.com/jtsl/jtsl/internal/tsl"
	"github.com/jtsl/jtsl/internal/verify"
	"github.com/jtsl/jtsl/internal/xades"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

// unsigned compiles the sample sources without signing them.
func unsigned(t *testing.T) []byte {
	t.Helper()
	return unsignedFrom(t, sources(t))
}

// unsignedFrom compiles the sources in dir without signing them.
func unsignedFrom(t testing.TB, dir string) []byte {
	t.Helper()
	set, d, err := source.Load(dir)
	if err != nil || d.HasErrors() {
		t.Fatal(err, d)
	}
	l := set.List
	l.Scheme.ListIssueDateTime = issue
	next := issue.AddDate(0, 6, 0)
	l.Scheme.NextUpdate = &next
	l.Scheme.SequenceNumber = 7
	data, err := tsl.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// signedSample signs the unsigned sample list with a new ECDSA key.
func signedSample(t *testing.T) (in, out []byte, key *keys.Key) {
	t.Helper()
	in = unsigned(t)
	key = signer(t, keys.ECP256)
	out, err := SignDocument(in, SignOptions{Key: key, SigningTime: issue})
	if err != nil {
		t.Fatal(err)
	}
	return in, out, key
}

func TestSignDocument(t *testing.T) {
	in, out, key := signedSample(t)
	// The input's bytes are kept: the signature is added before the
	// root's end tag and nothing else changes.
	start := bytes.Index(in, []byte("<tsl:TrustServiceStatusList"))
	end := bytes.LastIndex(in, []byte("</tsl:TrustServiceStatusList>"))
	if start < 0 || end < 0 || !bytes.HasPrefix(out, []byte(`<?xml version="1.0" encoding="UTF-8"?>`)) || !bytes.Contains(out, in[start:end]) {
		t.Errorf("the signed list does not keep the input's bytes up to the signature")
	}
	r := verify.Check(out, verify.Options{At: issue, Pin: []*x509.Certificate{key.Cert}})
	if !r.Valid {
		t.Errorf("signed list does not verify:\n%s", r.Text())
	}

	if _, err := SignDocument(out, SignOptions{Key: key, SigningTime: issue}); err == nil || !strings.Contains(err.Error(), "already signed") {
		t.Errorf("signing a signed list: %v, want already signed", err)
	}
	broken := bytes.Replace(in, []byte("<tsl:TSLType>"), []byte("<tsl:TSLTyp>"), 1)
	broken = bytes.Replace(broken, []byte("</tsl:TSLType>"), []byte("</tsl:TSLTyp>"), 1)
	if _, err := SignDocument(broken, SignOptions{Key: key, SigningTime: issue}); err == nil {
		t.Errorf("a list with a structure error was signed")
	}
	if _, err := SignDocument([]byte("<a>"), SignOptions{Key: key, SigningTime: issue}); err == nil {
		t.Errorf("malformed XML was signed")
	}
	weak := signer(t, keys.RSA3072)
	weak = &keys.Key{Signer: weak.Signer, Cert: key.Cert} // key and certificate do not match
	if _, err := SignDocument(in, SignOptions{Key: weak, SigningTime: issue}); err == nil {
		t.Errorf("signed with a key that does not match its certificate")
	}
	if _, err := xmldoc.ParseBytes(out, xmldoc.Limits{}); err != nil {
		t.Fatal(err)
	}
	// A byte-order mark and no declaration: the declaration goes after
	// the mark, and the self-verification accepts it there.
	body, ok := bytes.CutPrefix(in, []byte(xades.XMLDecl))
	if !ok {
		t.Fatalf("the sample does not start with %q", xades.XMLDecl)
	}
	bom := append([]byte("\uFEFF"), body...)
	if out, err := SignDocument(bom, SignOptions{Key: key, SigningTime: issue}); err != nil || !bytes.HasPrefix(out, []byte("\uFEFF"+xades.XMLDecl)) {
		t.Errorf("a list with a byte-order mark and no declaration: %v, %.60q", err, out)
	}
}

// TestSigningTimeAhead (issue 24, item 6): a signing time more than
// MaxClockSkew ahead of the clock is refused wherever a signature is
// made, as a build refuses such an issue time: jtsl sign FILE (and the
// test LOTL) through SignDocument, and the signing station, whose list is
// signed at the issue time prepared elsewhere, when its own clock is
// behind that time.
func TestSigningTimeAhead(t *testing.T) {
	key := signer(t, keys.ECP256)
	in := unsigned(t)
	for _, tc := range []struct {
		name string
		now  time.Time
		ok   bool
	}{
		{"clock at the signing time", issue, true},
		{"signing time within the skew", issue.Add(-MaxClockSkew), true},
		{"signing time past the skew", issue.Add(-MaxClockSkew - time.Second), false},
		{"signing time an hour ahead", issue.Add(-time.Hour), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := SignDocument(in, SignOptions{Key: key, SigningTime: issue, Now: tc.now})
			if tc.ok != (err == nil) {
				t.Fatalf("SignDocument: %v, want ok=%v", err, tc.ok)
			}
			for _, want := range []string{"signing time 2026-07-01T00:00:00Z is", "after the current time", "not signed in the future", "--signing-time", "SOURCE_DATE_EPOCH"} {
				if !tc.ok && !strings.Contains(err.Error(), want) {
					t.Errorf("%v: does not say %q", err, want)
				}
			}
		})
	}

	// The station: prepared at the issue time, signed on a machine whose
	// clock is an hour behind it. Nothing is signed.
	prep := filepath.Join(t.TempDir(), "prep")
	if _, err := Prepare(Options{Sources: sources(t), Out: filepath.Join(t.TempDir(), "out"), IssueTime: issue, Now: issue}, prep); err != nil {
		t.Fatal(err)
	}
	err := SignPrepared(prep, SignOptions{Key: key, Now: issue.Add(-time.Hour)})
	if err == nil || !strings.Contains(err.Error(), "not signed in the future") {
		t.Fatalf("SignPrepared with the clock an hour behind the issue time: %v", err)
	}
	if _, err := os.Stat(filepath.Join(prep, release.FileXML)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a signed list was written: %v", err)
	}
	if err := SignPrepared(prep, SignOptions{Key: key, Now: issue}); err != nil {
		t.Fatalf("SignPrepared at the issue time: %v", err)
	}
}

// TestSignSelfVerification: jtsl sign's self-verification of the bytes
// it wrote (verifyInserted) passes SignDocument's output and fails every
// change to it, byte identity or signature: a byte of the list changed,
// the input changed, markup added beside the signature, the signature
// value changed, and another list's signature in its place (it verifies,
// but its reference digest is the other list's).
func TestSignSelfVerification(t *testing.T) {
	in, out, key := signedSample(t)
	doc, err := xmldoc.ParseBytes(in, xmldoc.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	end := doc.RootEnd
	if err := verifyInserted(in[:end], in[end:], out, key.Cert, issue); err != nil {
		t.Fatalf("the signed list: %v", err)
	}
	seq7, seq8 := []byte("<tsl:TSLSequenceNumber>7<"), []byte("<tsl:TSLSequenceNumber>8<")
	other := bytes.Replace(in, seq7, seq8, 1)
	if bytes.Equal(other, in) {
		t.Fatal("no sequence number to change")
	}
	otherOut, err := SignDocument(other, SignOptions{Key: key, SigningTime: issue})
	if err != nil {
		t.Fatal(err)
	}
	sigAt := func(b []byte) (int, int) {
		end := []byte("</ds:Signature>")
		return bytes.Index(b, []byte("<ds:Signature ")), bytes.LastIndex(b, end) + len(end)
	}
	splice := func(b []byte, i, j int, s string) []byte {
		return append(append(append([]byte{}, b[:i]...), s...), b[j:]...)
	}
	i, j := sigAt(out)
	oi, oj := sigAt(otherOut)
	v := bytes.Index(out, []byte(`Id="jtsl-sigvalue">`)) + len(`Id="jtsl-sigvalue">`)
	flip := "A"
	if out[v] == 'A' {
		flip = "B"
	}
	for _, tc := range []struct {
		name    string
		in, out []byte
		want    string
	}{
		{"a byte of the list changed", in, bytes.Replace(out, seq7, seq8, 1), "not the input's"},
		{"the input changed", other, out, "not the input's"},
		{"an element before the signature", in, splice(out, i, i, "<tsl:x/>"), "not the input's"},
		{"a comment after the signature", in, splice(out, j, j, "<!-- x -->"), "not the input's"},
		{"the signature value changed", in, splice(out, v, v+1, flip), "SignatureValue"},
		{"another list's signature", in, splice(out, i, j, string(otherOut[oi:oj])), "ReferenceDigests"},
	} {
		if err := verifyInserted(tc.in[:end], tc.in[end:], tc.out, key.Cert, issue); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
}

// TestSignDocumentInPlace: given up with room to spare, the list is signed
// in its own memory, into the same bytes and signature as otherwise;
// without the room it is copied and left as it was.
func TestSignDocumentInPlace(t *testing.T) {
	in := unsigned(t)
	key := signer(t, keys.ECP256)
	doc, err := xmldoc.ParseBytes(in, xmldoc.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	end := doc.RootEnd
	roomy := append(make([]byte, 0, len(in)+SignatureRoom), in...)
	out, err := SignDocument(roomy, SignOptions{Key: key, SigningTime: issue, InPlace: true})
	if err != nil {
		t.Fatal(err)
	}
	if &out[0] != &roomy[0] {
		t.Error("signed with room to spare, the list was copied")
	}
	if err := verifyInserted(in[:end], in[end:], out, key.Cert, issue); err != nil {
		t.Errorf("signed in place: %v", err)
	}
	tight := bytes.Clone(in)
	out, err = SignDocument(tight[:len(tight):len(tight)], SignOptions{Key: key, SigningTime: issue, InPlace: true})
	if err != nil {
		t.Fatal(err)
	}
	if &out[0] == &tight[0] || !bytes.Equal(tight, in) {
		t.Error("signed without room, the input was changed")
	}
	if err := verifyInserted(in[:end], in[end:], out, key.Cert, issue); err != nil {
		t.Errorf("signed into a copy: %v", err)
	}
}
