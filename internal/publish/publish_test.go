package publish

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/release"
	"github.com/jtsl/jtsl/internal/testtool"
)

var issue = time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)

var (
	keyOnce sync.Once
	keyMap  map[keys.Algorithm]*keys.Key
)

// signer returns a TLSO key for the sample's operator (Digital Agency, JP).
func signer(t testing.TB, alg keys.Algorithm) *keys.Key {
	keyOnce.Do(func() {
		keyMap = map[keys.Algorithm]*keys.Key{}
		for _, a := range []keys.Algorithm{keys.RSA3072, keys.ECP256} {
			s, err := keys.NewKey(a)
			if err != nil {
				t.Fatal(err)
			}
			c, err := keys.NewSelfSigned(s, keys.Subject{Territory: "JP", Operator: "Digital Agency", CommonName: "jtsl test TLSO " + string(a)},
				time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC))
			if err != nil {
				t.Fatal(err)
			}
			keyMap[a] = &keys.Key{Signer: s, Cert: c}
		}
	})
	return keyMap[alg]
}

// sources copies the sample sources into a temporary folder.
func sources(t testing.TB) string {
	t.Helper()
	src := filepath.Join(testtool.Root(), "sources")
	dst := t.TempDir()
	testtool.CopyDir(t, src, dst)
	// Schema modelines point at ../schema: keep them resolvable.
	os.Symlink(filepath.Join(testtool.Root(), "schema"), filepath.Join(filepath.Dir(dst), "schema"))
	return dst
}

func edit(t testing.TB, file, old, new string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s lacks %q", file, old)
	}
	if err := os.WriteFile(file, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// tree returns every file under dir with its SHA-256.
func tree(t testing.TB, dir string) map[string]string {
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			sum := sha256.Sum256(b)
			rel, _ := filepath.Rel(dir, p)
			out[rel] = hex.EncodeToString(sum[:])
		}
		return nil
	})
	return out
}

func build(t testing.TB, src, out string, k *keys.Key, at time.Time, reissue bool) (*Result, error) {
	return Build(Options{Sources: src, Out: out, Key: k, IssueTime: at, Reissue: reissue})
}

func TestReproducible(t *testing.T) {
	src := sources(t)
	k := signer(t, keys.RSA3072)
	a, b := t.TempDir()+"/out", t.TempDir()+"/out"
	for _, o := range []string{a, b} {
		if _, err := build(t, src, o, k, issue, false); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{release.FileXML, release.FileJSON, release.FileJWS, release.FileHTML, release.FileManifest} {
		x, _ := os.ReadFile(filepath.Join(a, f))
		y, _ := os.ReadFile(filepath.Join(b, f))
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two builds with the same time and RSA key", f)
		}
	}
	sha, _ := os.ReadFile(filepath.Join(a, release.FileSHA2))
	xml, _ := os.ReadFile(filepath.Join(a, release.FileXML))
	sum := sha256.Sum256(xml)
	if string(sha) != hex.EncodeToString(sum[:]) {
		t.Errorf(".sha2 is %q", sha)
	}
}

// firstRelease builds a copy of the sample into a new out/ and returns
// the sources, out/ and the key, for a test of what a second build does.
func firstRelease(t *testing.T) (src, out string, k *keys.Key) {
	t.Helper()
	src, out, k = sources(t), filepath.Join(t.TempDir(), "out"), signer(t, keys.ECP256)
	if _, err := build(t, src, out, k, issue, false); err != nil {
		t.Fatal(err)
	}
	return src, out, k
}

// TestChangeIsTheReport: the build and the change report agree on what a
// change is. An empty ServiceHistory element (history_present) is not a
// change for the report; the build compared the models with
// reflect.DeepEqual and shipped a new sequence with an empty report.
func TestChangeIsTheReport(t *testing.T) {
	src, out, k := firstRelease(t)
	before := tree(t, out)
	edit(t, filepath.Join(src, "tsps", "amano.yaml"), "    status:\n", "    history_present: true\n    status:\n")
	r, err := build(t, src, out, k, issue.Add(time.Hour), false)
	if err != nil {
		t.Fatal(err)
	}
	if r.Written || r.Sequence != 1 || r.Changes == nil || !r.Changes.Empty() {
		t.Errorf("written %v, sequence %d, changes %+v: want no new release", r.Written, r.Sequence, r.Changes)
	}
	if !equalTrees(tree(t, out), before) {
		t.Error("out/ changed")
	}
	// A change the report sees is published.
	edit(t, filepath.Join(src, "tsps", "amano.yaml"), "Amano Time Stamp Service 3161", "Amano Time Stamp Service 3162")
	r, err = build(t, src, out, k, issue.Add(2*time.Hour), false)
	if err != nil || !r.Written || r.Sequence != 2 || r.Changes.Empty() {
		t.Fatalf("a real change: %v, %+v", err, r)
	}
}

// TestSequenceAndHistory: three builds of changed sources give n, n+1,
// n+2 with every earlier release unchanged under history/; an unchanged
// rebuild writes nothing; --reissue publishes n+3.
func TestSequenceAndHistory(t *testing.T) {
	src := sources(t)
	out := filepath.Join(t.TempDir(), "out")
	k := signer(t, keys.ECP256)
	var snaps []map[string]string
	amano := filepath.Join(src, "tsps", "amano.yaml")
	for i := 1; i <= 3; i++ {
		if i > 1 {
			edit(t, amano, "Amano Time Stamp Service 3161", "Amano Time Stamp Service 3161 r"+string(rune('0'+i)))
		}
		r, err := build(t, src, out, k, issue.Add(time.Duration(i)*time.Hour), false)
		if err != nil {
			t.Fatal(err)
		}
		if !r.Written || r.Sequence != i {
			t.Fatalf("build %d: written %v, sequence %d", i, r.Written, r.Sequence)
		}
		if i > 1 && (r.Changes == nil || r.Changes.Empty()) {
			t.Errorf("build %d: no change report", i)
		}
		snaps = append(snaps, tree(t, out))
	}
	final := snaps[2]
	for i, s := range snaps {
		for _, f := range release.HistoryFiles {
			h := filepath.Join(release.DirHistory, itoa(i+1), f)
			if final[h] == "" || final[h] != s[f] {
				t.Errorf("history of release %d: %s missing or changed", i+1, h)
			}
		}
	}
	checkManifest(t, out)
	r, err := build(t, src, out, k, issue.Add(5*time.Hour), false)
	if err != nil || r.Written || r.Sequence != 3 {
		t.Fatalf("unchanged rebuild: %v %+v", err, r)
	}
	if !equalTrees(tree(t, out), final) {
		t.Error("an unchanged rebuild touched out/")
	}
	r, err = build(t, src, out, k, issue.Add(6*time.Hour), true)
	if err != nil || !r.Written || r.Sequence != 4 {
		t.Fatalf("reissue: %v %+v", err, r)
	}
	// Never back-dated.
	if _, err := build(t, src, out, k, issue, true); err == nil || !strings.Contains(err.Error(), "back-dated") {
		t.Errorf("back-dated build: %v", err)
	}
}

// checkManifest checks that manifest.json lists every other file of out
// with its size and SHA-256, history included.
func checkManifest(t *testing.T, out string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, release.FileManifest))
	if err != nil {
		t.Fatal(err)
	}
	var m release.Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	listed := map[string]string{}
	for _, f := range m.Files {
		listed[filepath.FromSlash(f.Name)] = f.SHA256
		if fi, err := os.Stat(filepath.Join(out, filepath.FromSlash(f.Name))); err != nil || fi.Size() != f.Size {
			t.Errorf("manifest: %s size %d: %v", f.Name, f.Size, err)
		}
	}
	for name, sum := range tree(t, out) {
		if name == release.FileManifest {
			continue
		}
		if listed[name] != sum {
			t.Errorf("manifest: %s listed with SHA-256 %q, file has %s", name, listed[name], sum)
		}
		delete(listed, name)
	}
	for name := range listed {
		t.Errorf("manifest lists %s, which does not exist", name)
	}
}

func itoa(i int) string { return string(rune('0' + i)) }

func equalTrees(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// shortSigner is k's key with a certificate that ends on 2026-10-01.
func shortSigner(t *testing.T, k *keys.Key) *keys.Key {
	c, err := keys.NewSelfSigned(k.Signer, keys.Subject{Territory: "JP", Operator: "Digital Agency", CommonName: "jtsl test TLSO, short"},
		time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	return &keys.Key{Signer: k.Signer, Cert: c}
}

// TestRefusals: bad sources, a tampered previous release, an expired
// signer: each refused with the reason, out/ untouched.
func TestRefusals(t *testing.T) {
	k := signer(t, keys.ECP256)
	tests := []struct {
		name, want string
		mutate     func(t *testing.T, src, out string)
		key        *keys.Key
		at         time.Time
	}{
		{"wrong type", "tsps/amano.yaml:", func(t *testing.T, src, out string) {
			edit(t, filepath.Join(src, "tsps/amano.yaml"), "  - id: amano-tss-3161", "  - id: 42")
		}, nil, issue.Add(time.Hour)},
		{"missing mandatory field", `missing mandatory field "type"`, func(t *testing.T, src, out string) {
			edit(t, filepath.Join(src, "tsps/amano.yaml"), "    type: https://www.digital.go.jp/trustlist/Svctype/AccreditedTimeStamping\n", "")
		}, nil, issue.Add(time.Hour)},
		{"unknown key", `unknown key "nmae"`, func(t *testing.T, src, out string) {
			edit(t, filepath.Join(src, "tsps/amano.yaml"), "name:\n  en: Amano", "nmae:\n  en: Amano")
		}, nil, issue.Add(time.Hour)},
		{"malformed PEM", "is not a PEM certificate", func(t *testing.T, src, out string) {
			os.WriteFile(filepath.Join(src, "certs/amano-tsa.pem"), []byte("-----BEGIN CERTIFICATE-----\nnot base64\n"), 0o644)
		}, nil, issue.Add(time.Hour)},
		{"lint error", "JTSL016", func(t *testing.T, src, out string) {
			edit(t, filepath.Join(src, "tsps/amano.yaml"), "NTRJP-9011101056789", "NTRJP-123")
		}, nil, issue.Add(time.Hour)},
		{"tampered previous release", "previous release", func(t *testing.T, src, out string) {
			edit(t, filepath.Join(out, release.FileXML), "Amano Corporation", "Amano Corporatiom")
		}, nil, issue.Add(time.Hour)},
		// A signer that expires 2026-10-01, three months before NextUpdate
		// (the sample's real certificates do not last to the signer's end).
		{"signer expired before NextUpdate", "signer certificate refused", nil, shortSigner(t, k), issue.Add(time.Hour)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := sources(t)
			out := filepath.Join(t.TempDir(), "out")
			if _, err := build(t, src, out, k, issue, false); err != nil {
				t.Fatal(err)
			}
			if tt.mutate != nil {
				tt.mutate(t, src, out)
			}
			before := tree(t, out)
			key := k
			if tt.key != nil {
				key = tt.key
			}
			_, err := build(t, src, out, key, tt.at, true)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error with %q", err, tt.want)
			}
			var dl diag.List
			if errors.As(err, &dl) {
				for _, d := range dl {
					if d.Pos.File == "" || d.Pos.Line == 0 {
						t.Errorf("diagnostic without file:line: %s", d)
					}
				}
			}
			if !equalTrees(tree(t, out), before) {
				t.Error("out/ was touched")
			}
		})
	}
}

// TestOutsideVerifiers: lists built with an RSA-3072 and an ECDSA P-256
// key pass the XSD and the four independent signature verifiers, with no
// warning; a one-character change is rejected by xmlsec1.
func TestOutsideVerifiers(t *testing.T) {
	tools := map[string]string{
		"xsd":       testtool.Tool(t, "xsd-check", "xmllint"),
		"xmlsec":    testtool.Tool(t, "sig-verify-xmlsec", "xmlsec1"),
		"xades":     testtool.Tool(t, "xades-verify", "node"),
		"xmlcrypto": testtool.Tool(t, "sig-verify-xmlcrypto", "node"),
		"java":      testtool.Tool(t, "sig-verify-java", "java"),
		"json":      testtool.Tool(t, "json-schema-check", "node"),
		"jws":       testtool.Tool(t, "jws-verify", "node"),
	}
	src := sources(t)
	for _, alg := range []keys.Algorithm{keys.RSA3072, keys.ECP256} {
		t.Run(string(alg), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			if _, err := build(t, src, out, signer(t, alg), issue, false); err != nil {
				t.Fatal(err)
			}
			x, c := filepath.Join(out, release.FileXML), filepath.Join(out, release.FileSigner)
			for _, run := range [][]string{
				{"xsd", x}, {"xmlsec", "--time", "2026-07-01 01:00:00", x, c}, {"xades", "--strict", "--cert", c, x},
				{"xmlcrypto", x, c}, {"java", x, c}, {"json", filepath.Join(out, release.FileJSON)},
				{"jws", "--cert", c, "--payload", filepath.Join(out, release.FileJSON), filepath.Join(out, release.FileJWS)},
			} {
				msg, ok := testtool.Run(t, tools[run[0]], run[1:]...)
				if !ok || strings.Contains(msg, "WARN") {
					t.Errorf("%s: %v\n%s", run[0], ok, msg)
				}
			}
			b, _ := os.ReadFile(x)
			bad := bytes.Replace(b, []byte("Amano Corporation"), []byte("Amano Corporatiom"), 1)
			tf := filepath.Join(t.TempDir(), "tampered.xml")
			os.WriteFile(tf, bad, 0o644)
			if _, ok := testtool.Run(t, tools["xmlsec"], tf, c); ok {
				t.Error("xmlsec1 accepts a tampered list")
			}
		})
	}
}
