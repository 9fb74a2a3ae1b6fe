package publish

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/beevik/etree"

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
