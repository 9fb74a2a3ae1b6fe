package xades

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/beevik/etree"

	"github.com/jtsl/jtsl/internal/c14n"
	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

func failed(r *Result) []string {
	var out []string
	for _, c := range r.Checks {
		if c.Status == diag.Fail {
			out = append(out, c.Name+": "+c.Detail)
		}
	}
	return out
}

func TestSignVerifyOwn(t *testing.T) {
	for _, f := range signFuncs {
		for _, k := range keys(t) {
			t.Run(f.name+"/"+k.name, func(t *testing.T) {
				out := signSampleWith(t, f.sign, k, nil)
				r := verifyBytes(t, out, k.cert)
				if !r.Valid() || !r.CryptoValid {
					t.Fatalf("own signature rejected: %v", failed(r))
				}
				for _, c := range r.Checks {
					if c.Status != diag.Pass {
						t.Errorf("check %s: %s %s", c.Name, c.Status, c.Detail)
					}
				}
			})
		}
	}
}

// TestSignToBytesIsCanonical holds SignToBytes to its promise: its output
// is the exclusive canonical form of the document Sign produces (after
// the XML declaration), and with the signature cut out it is exactly the
// bytes the reference digests.
func TestSignToBytesIsCanonical(t *testing.T) {
	k := keys(t)[0]
	out := signSampleWith(t, signBytes, k, nil)
	if !bytes.HasPrefix(out, []byte(XMLDecl)) {
		t.Fatalf("no XML declaration: %.60q", out)
	}
	body := out[len(XMLDecl):]
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(out); err != nil {
		t.Fatal(err)
	}
	if got := c14n.Exc(doc.Root(), nil, nil); !bytes.Equal(got, body) {
		t.Errorf("output is not its own canonical form:\n%s", firstDiff(got, body))
	}
	viaTree := signSampleWith(t, signTree, k, nil)
	tree := etree.NewDocument()
	if err := tree.ReadFromBytes(viaTree); err != nil {
		t.Fatal(err)
	}
	if want := c14n.Exc(tree.Root(), nil, nil); !bytes.Equal(body, want) {
		t.Errorf("SignToBytes and Sign differ in canonical form:\n%s", firstDiff(body, want))
	}
	start := bytes.Index(body, []byte("<ds:Signature "))
	end := bytes.LastIndex(body, []byte("</ds:Signature>")) + len("</ds:Signature>")
	if start < 0 || end < start {
		t.Fatal("no signature in the output")
	}
	unsigned := append(slices.Clip(body[:start]), body[end:]...)
	sum := sha256.Sum256(unsigned)
	if !bytes.Contains(out, []byte(base64.StdEncoding.EncodeToString(sum[:]))) {
		t.Error("the reference digest is not the SHA-256 of the output without its signature")
	}
}

func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(i-40, 0)
	return fmt.Sprintf("at byte %d: %q\nwant %q", i, a[lo:min(i+40, len(a))], b[lo:min(i+40, len(b))])
}

// TestSignBytesKeepsInput: SignBytes writes the input's bytes as given,
// with the signature before the root's end tag, whatever surrounds the
// root and however its namespaces are bound; the result verifies.
func TestSignBytesKeepsInput(t *testing.T) {
	k := keys(t)[1]
	const decl = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"
	tests := []struct {
		name, in, wantPrefix string
	}{
		{"no declaration", "<a>\r\n <b x='1'>t&amp;</b>\r\n</a>", XMLDecl},
		{"declaration kept", decl + "<a><b/></a>", ""},
		{"byte-order mark", "\uFEFF" + decl + "<a><b/></a>", ""},
		{"byte-order mark, no declaration", "\uFEFF<a><b/></a>", XMLDecl},
		{"default namespace", `<a xmlns="urn:x"><b/></a>`, XMLDecl},
		{"ds bound elsewhere", `<ds:a xmlns:ds="urn:not-dsig"><ds:b/></ds:a >`, XMLDecl},
		{"end tag in a comment after the root", `<a><b/></a><!-- </a> --><?pi </a>?>` + "\n", XMLDecl},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(tt.in)
			doc, err := xmldoc.ParseBytes(data, xmldoc.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			out, err := signSplice(data, doc, k)
			if err != nil {
				t.Fatal(err)
			}
			sig := bytes.Index(out, []byte("<ds:Signature "))
			end := bytes.LastIndex(out, []byte("</ds:Signature>")) + len("</ds:Signature>")
			if sig < 0 || end < sig {
				t.Fatalf("no signature in %q", out)
			}
			want := tt.wantPrefix + tt.in
			if in, ok := strings.CutPrefix(tt.in, "\uFEFF"); ok {
				want = "\uFEFF" + tt.wantPrefix + in // the mark first
			}
			if got := string(out[:sig]) + string(out[end:]); got != want {
				t.Errorf("input not kept:\n got %q\nwant %q", got, want)
			}
			if r := verifyBytes(t, out, k.cert); !r.CryptoValid {
				t.Errorf("does not verify: %v", failed(r))
			}
		})
	}
	data := []byte(`<a><b/></a>`)
	doc, err := xmldoc.ParseBytes(data, xmldoc.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	for _, at := range []int{-1, 3, len(data)} {
		if _, err := SignBytes(data, at, doc.Document, k.signer, k.cert, SignOptions{SigningTime: signingTime}); err == nil {
			t.Errorf("signed with the root's end tag said to be at %d", at)
		}
	}
}

func TestSignDeterministicRSA(t *testing.T) {
	k := keys(t)[0]
	a, b := signSample(t, k, nil), signSample(t, k, nil)
	if !bytes.Equal(a, b) {
		t.Fatal("two RSA signatures of the same input differ")
	}
}

// TestSignCanonical: signing the canonical form gives SignToBytes's bytes
// (RSA PKCS#1 v1.5 is deterministic), and what is not the canonical form
// of an unsigned document is refused.
func TestSignCanonical(t *testing.T) {
	k := keys(t)[0]
	if a, b := signSampleWith(t, signCanon, k, nil), signSampleWith(t, signBytes, k, nil); !bytes.Equal(a, b) {
		t.Fatalf("SignCanonical and SignToBytes differ:\n%s", firstDiff(a, b))
	}
	signed := signSample(t, k, nil)
	doc, err := xmldoc.ParseBytes(signed, xmldoc.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var canonSigned bytes.Buffer
	if err := c14n.ExcDocumentTo(&canonSigned, doc.Document, doc.Root(), nil, nil); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ in, want string }{
		{"", "no root element"},
		{"text", "no root element"},
		{"<a>", "does not end the document"},
		{"<a></a><?pi?>", "does not end the document"},
		{"<a></b>", "does not end the document"},
		{canonSigned.String(), "already signed"},
	} {
		c := &Canonical{}
		c.WriteString(tc.in)
		if _, err := SignCanonical(c, k.signer, k.cert, SignOptions{SigningTime: signingTime}); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%.30q: %v, want %q", tc.in, err, tc.want)
		}
	}
}

func TestSignRefusals(t *testing.T) {
	k := keys(t)[0]
	out := signSample(t, k, nil)
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(out); err != nil {
		t.Fatal(err)
	}
	if err := Sign(doc, k.signer, k.cert, SignOptions{SigningTime: signingTime}); err == nil || !strings.Contains(err.Error(), "already signed") {
		t.Errorf("signed twice: %v", err)
	}
	other := keys(t)[1]
	doc = etree.NewDocument()
	doc.ReadFromString("<a/>")
	if err := Sign(doc, k.signer, other.cert, SignOptions{SigningTime: signingTime}); err == nil || !strings.Contains(err.Error(), "does not match") {
		t.Errorf("key/cert mismatch: %v", err)
	}
}

// TestOutsideVerifiers signs with RSA-3072, P-256 and P-384 and has the
// result judged by tools nobody here wrote.
func TestOutsideVerifiers(t *testing.T) {
	xsd := testtool.Tool(t, "xsd-check", "xmllint")
	xmlsec := testtool.Tool(t, "sig-verify-xmlsec", "xmlsec1")
	xadesjs := testtool.Tool(t, "xades-verify", "node")
	xmlcrypto := testtool.Tool(t, "sig-verify-xmlcrypto", "node")
	java := testtool.Tool(t, "sig-verify-java", "java")
	dir := t.TempDir()
	for _, f := range signFuncs {
		for _, k := range keys(t) {
			t.Run(f.name+"/"+k.name, func(t *testing.T) {
				// A Japanese name makes sure non-ASCII text is canonicalised alike.
				out := signSampleWith(t, f.sign, k, func(d *etree.Document) {
					for _, n := range d.FindElements("//Name") {
						n.SetText(n.Text() + " デジタル庁")
						break
					}
				})
				file := writeTemp(t, dir, f.name+"-"+k.name+".xml", out)
				cert := writeTemp(t, dir, f.name+"-"+k.name+".pem", certPEM(k.cert))
				checks := []struct {
					tool string
					args []string
				}{
					{xsd, []string{file}},
					{xmlsec, []string{"--time", "2026-07-01 01:00:00", file, cert}},
					{xadesjs, []string{"--strict", "--cert", cert, file}},
					{xmlcrypto, []string{file, cert}},
					{java, []string{file, cert}},
				}
				for _, c := range checks {
					if msg, ok := testtool.Run(t, c.tool, c.args...); !ok {
						t.Errorf("%s rejects our signature:\n%s", c.tool, msg)
					} else if strings.Contains(msg, "WARN") {
						t.Errorf("%s warns:\n%s", c.tool, msg)
					}
				}
				// One changed character in a signed element: rejected by us
				// and by xmlsec1.
				tampered := bytes.Replace(out, []byte("デジタル庁"), []byte("デジタル省"), 1)
				if bytes.Equal(tampered, out) {
					t.Fatal("tamper did not apply")
				}
				tf := writeTemp(t, dir, f.name+"-"+k.name+"-tampered.xml", tampered)
				if _, ok := testtool.Run(t, xmlsec, tf, cert); ok {
					t.Error("xmlsec1 accepts a tampered list")
				}
				if r := verifyBytes(t, tampered, k.cert); r.Valid() || r.CryptoValid {
					t.Error("our verifier accepts a tampered list")
				}
			})
		}
	}
}
