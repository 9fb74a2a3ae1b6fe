package publish

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/beevik/etree"

	"github.com/jtsl/jtsl/internal/diff"
	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/mra"
	"github.com/jtsl/jtsl/internal/release"
	"github.com/jtsl/jtsl/internal/site"
	"github.com/jtsl/jtsl/internal/source"
	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/tsl"
)

// TestSampleTerms holds the site's fixture (internal/site/testdata/
// terms.json) to what a release of the sample says of its vocabulary
// and mapping: the page's tables are tested on what a build makes.
func TestSampleTerms(t *testing.T) {
	got, err := json.MarshalIndent(sampleRecognition(t).Terms, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join(testtool.Root(), "internal", "site", "testdata", "terms.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(append(got, '\n'), want) {
		t.Error("internal/site/testdata/terms.json is not the sample's: copy a build's out/mra/equivalences.json there")
	}
}

var updateDocs = flag.Bool("update-docs", false, "rewrite docs/vocabulary.md from the sample")

// TestVocabularyDoc holds docs/vocabulary.md to the sample's vocabulary
// and mapping.
func TestVocabularyDoc(t *testing.T) {
	testtool.Generated(t, "docs/vocabulary.md", site.Markdown(sampleRecognition(t).Terms), "./internal/publish", *updateDocs)
}

// sampleRecognition is what a release of the sample says of its
// vocabulary and mapping.
func sampleRecognition(t *testing.T) recognition {
	t.Helper()
	set, d, err := source.Load(filepath.Join(testtool.Root(), "sources"))
	if err != nil || d.HasErrors() {
		t.Fatal(err, d)
	}
	r, err := recognitionOf(set)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestMRAFiles: a build of the sample writes mra/JP-pointer.xml (the
// pointer the EC would put in its AdES LOTL: the list's location, TSLType,
// operator, signer and the recognition_by_eu block, valid against the MRA
// schema) and mra/equivalences.json, both in the manifest; the list's own
// pointer to the EU LOTL carries the recognition_by_japan block; a
// signing station's release has the same files.
func TestMRAFiles(t *testing.T) {
	src := sources(t)
	set, d, err := source.Load(src)
	if err != nil || d.HasErrors() {
		t.Fatal(err, d)
	}
	k := signer(t, keys.ECP256)
	out := filepath.Join(t.TempDir(), "out")
	if _, err := build(t, src, out, k, issue, false); err != nil {
		t.Fatal(err)
	}
	ptr := read(t, out, release.FileMRAPointer)
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(ptr); err != nil {
		t.Fatal(err)
	}
	root := doc.Root()
	if root.Tag != "OtherTSLPointer" || root.NamespaceURI() != model.NSTSL {
		t.Fatalf("root %s", root.FullTag())
	}
	if got := root.FindElement("./TSLLocation").Text(); got != set.List.Scheme.DistributionPoints[0] {
		t.Errorf("TSLLocation %s", got)
	}
	if got := root.FindElement(".//X509Certificate").Text(); got != base64.StdEncoding.EncodeToString(k.Cert.Raw) {
		t.Error("the pointer does not accept the list's signer")
	}
	if got := root.FindElement(".//TSLType").Text(); got != model.CountryList("JP") {
		t.Errorf("TSLType %s", got)
	}
	block := root.FindElement(".//MutualRecognitionAgreementInformation")
	if block == nil {
		t.Fatal("no MRA block")
	}
	bd := etree.NewDocument()
	bd.SetRoot(block.Copy())
	bx, _ := bd.WriteToBytes()
	a, err := mra.Parse(bx, release.FileMRAPointer)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, set.Mapping.ByEU) {
		t.Error("the pointer's block is not recognition_by_eu")
	}
	if o, ok := testtool.Run(t, testtool.Tool(t, "xsd-check", "xmllint"), "--quiet", "--any-root", filepath.Join(out, filepath.FromSlash(release.FileMRAPointer))); !ok {
		t.Errorf("JP-pointer.xml is not valid against the MRA schema:\n%s", o)
	}

	var m release.Manifest
	if err := json.Unmarshal(read(t, out, release.FileManifest), &m); err != nil {
		t.Fatal(err)
	}
	types := map[string]string{}
	for _, f := range m.Files {
		types[f.Name] = f.ContentType
	}
	if types[release.FileMRAPointer] != "application/xml" || types[release.FileEquivalences] != "application/json" {
		t.Errorf("manifest: %s %q, %s %q", release.FileMRAPointer, types[release.FileMRAPointer], release.FileEquivalences, types[release.FileEquivalences])
	}

	l, _, err := tsl.Decode(read(t, out, release.FileXML), tsl.DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var back *mra.Agreement
	for _, p := range l.Scheme.Pointers {
		if p.Location == set.Mapping.Pointer {
			if back, err = mra.FromPointer(p, release.FileXML); err != nil {
				t.Fatal(err)
			}
		}
	}
	if !reflect.DeepEqual(back, set.Mapping.ByJapan) {
		t.Error("the list's pointer to the EU LOTL does not carry recognition_by_japan")
	}

	// The signing station: prepare, sign, publish.
	prep, out2 := filepath.Join(t.TempDir(), "prep"), filepath.Join(t.TempDir(), "out")
	if _, err := Prepare(Options{Sources: src, Out: out2, IssueTime: issue}, prep); err != nil {
		t.Fatal(err)
	}
	if err := SignPrepared(prep, SignOptions{Key: k}); err != nil {
		t.Fatal(err)
	}
	if _, err := Publish(prep, PublishOptions{Out: out2}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{release.FileMRAPointer, release.FileEquivalences} {
		if !bytes.Equal(read(t, out, f), read(t, out2, f)) {
			t.Errorf("%s differs between a build and a signing station's release", f)
		}
	}
	for _, dir := range []string{out, out2} {
		page := read(t, dir, release.FileHTML)
		for _, want := range []string{`<section class="terms" id="vocabulary">`, `<section class="terms" id="recognition_by_eu">`,
			`<section class="terms" id="recognition_by_japan">`, `href="mra/JP-pointer.xml"`, `href="mra/equivalences.json"`} {
			if !bytes.Contains(page, []byte(want)) {
				t.Errorf("%s/%s lacks %s", filepath.Base(filepath.Dir(dir)), release.FileHTML, want)
			}
		}
	}
}

// TestMappingChangeIsPublished: a change to recognition_by_eu alone (an
// equivalence's date) changes the EC's pointer and the equivalence
// table, not the list; it is a change like any other: a new sequence,
// in the report, in the history, the new pointer live. A label of the
// vocabulary (the page's tables, equivalences.json) is one too, and an
// unchanged rebuild after them writes nothing.
func TestMappingChangeIsPublished(t *testing.T) {
	src, out, k := firstRelease(t)
	oldPointer := read(t, out, release.FileMRAPointer)
	edit(t, filepath.Join(src, "mra.yaml"), `from: "2026-10-01T00:00:00Z"`, `from: "2026-11-01T00:00:00Z"`)
	r, err := build(t, src, out, k, issue.Add(time.Hour), false)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Written || r.Sequence != 2 || r.Changes == nil || r.Changes.Empty() {
		t.Fatalf("written %v, sequence %d: an edited mapping must be published", r.Written, r.Sequence)
	}
	if len(r.Changes.TSPs) != 0 || len(r.Changes.Scheme) != 0 {
		t.Errorf("the list itself did not change: %+v", r.Changes)
	}
	files := map[string]diff.FileChange{}
	for _, f := range r.Changes.Files {
		files[f.File] = f
	}
	for _, name := range []string{release.FileMRAPointer, release.FileEquivalences} {
		f, ok := files[name]
		if !ok || f.Change != diff.Changed {
			t.Errorf("the report does not say that %s changed: %+v", name, r.Changes.Files)
			continue
		}
		found := false
		for _, fc := range f.Fields {
			found = found || (strings.HasPrefix(fc.Old, "2026-10-01") && strings.HasPrefix(fc.New, "2026-11-01"))
		}
		if !found {
			t.Errorf("%s: the report does not give the date's change: %+v", name, f.Fields)
		}
	}
	if md := r.Changes.Markdown(); !strings.Contains(md, release.FileMRAPointer) || !strings.Contains(md, "2026-11-01T00:00:00Z") {
		t.Errorf("the Markdown report does not show the pointer's change:\n%s", md)
	}
	now := read(t, out, release.FileMRAPointer)
	if bytes.Equal(now, oldPointer) || !bytes.Contains(now, []byte("2026-11-01T00:00:00Z")) {
		t.Error("out/mra/JP-pointer.xml is stale")
	}
	if _, err := os.Stat(filepath.Join(out, release.DirHistory, "2", release.FileXML)); err != nil {
		t.Errorf("release 2 is not in the history: %v", err)
	}
	checkManifest(t, out)

	// The page's vocabulary table: a label.
	edit(t, filepath.Join(src, "vocabulary.yaml"), "en: JPKI signature certification", "en: JPKI signature certificates")
	r, err = build(t, src, out, k, issue.Add(2*time.Hour), false)
	if err != nil || !r.Written || r.Sequence != 3 {
		t.Fatalf("a vocabulary label: %v, %+v", err, r)
	}
	if len(r.Changes.Files) != 1 || r.Changes.Files[0].File != release.FileEquivalences {
		t.Errorf("files: %+v", r.Changes.Files)
	}
	if !bytes.Contains(read(t, out, release.FileHTML), []byte("JPKI signature certificates")) {
		t.Error("the page's vocabulary table is stale")
	}
	r, err = build(t, src, out, k, issue.Add(3*time.Hour), false)
	if err != nil || r.Written || r.Sequence != 3 {
		t.Fatalf("unchanged rebuild: %v, %+v", err, r)
	}
}
