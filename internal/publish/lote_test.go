package publish

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/diff"
	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/release"
	"github.com/jtsl/jtsl/internal/source"
	"github.com/jtsl/jtsl/internal/testtool"
)

// sampleLoTEs are the sample's lists of trusted entities: base name and
// the EU profile whose structure each follows.
var sampleLoTEs = []struct{ file, profile string }{
	{"JP-PID-providers", "EUPIDProvidersList"},
	{"JP-PubEAA-providers", "EUPubEAAProvidersList"},
	{"JP-wallet-providers", "EUWalletProvidersList"},
}

// loteTools are the outside verifiers of a signed list of trusted
// entities (a test that lacks one is skipped, or fails under CI).
func loteTools(t *testing.T) map[string]string {
	return testtool.Tools(t, "xsd-check", "json-schema-check", "lote-check", "sig-verify-xmlsec", "xades-verify", "jws-verify", "dss-tl-check")
}

// checkLoTEOutside runs every outside verifier on a signed list of
// trusted entities: the XML binding x (TS 119 602 XSD, xmlsec1, xadesjs
// --strict, EU DSS --lote clean), its JSON binding js (json-schema-check,
// lote-check) and the JWS of it (jose), each signature pinned to cert
// (PEM file).
func checkLoTEOutside(t *testing.T, tools map[string]string, x, js, jws, cert string) {
	t.Helper()
	xsd := testtool.SharedPath(t, "etsi/lote/1960201_xsd_schema.xsd")
	for _, run := range [][]string{
		{"xsd-check", "--quiet", "--any-root", "--schema", xsd, x},
		{"json-schema-check", js},
		{"lote-check", js},
		{"sig-verify-xmlsec", "--time", "2026-07-01 01:00:00", x, cert},
		{"xades-verify", "--strict", "--cert", cert, x},
		{"jws-verify", "--cert", cert, "--payload", js, jws},
	} {
		if msg, ok := testtool.Run(t, tools[run[0]], run[1:]...); !ok || strings.Contains(msg, "WARN") {
			t.Errorf("%s: %v\n%s", run[0], ok, msg)
		}
	}
	msg, ok := testtool.Run(t, tools["dss-tl-check"], "--lote", x, "--cert", cert)
	var rep struct {
		Verdict string `json:"verdict"`
		LoTE    struct {
			Clean bool `json:"clean"`
		} `json:"lote"`
	}
	if err := json.Unmarshal([]byte(msg[max(strings.IndexByte(msg, '{'), 0):]), &rep); !ok || err != nil || rep.Verdict != "PASS" || !rep.LoTE.Clean {
		t.Errorf("EU DSS does not pass the XML binding clean (%v, %v): verdict %q\n%s", ok, err, rep.Verdict, msg)
	}
}

// TestLoTEOutsideVerifiers: the sample release's lists of trusted
// entities pass every outside verifier (checkLoTEOutside), signed by the
// release's signer over the published JSON, and each .sha2 holds its
// file's SHA-256.
func TestLoTEOutsideVerifiers(t *testing.T) {
	tools := loteTools(t)
	out := filepath.Join(t.TempDir(), "out")
	res, err := build(t, sources(t), out, signer(t, keys.ECP256), issue, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.LoTEs) != len(sampleLoTEs) {
		t.Fatalf("%d lists of trusted entities published, want %d", len(res.LoTEs), len(sampleLoTEs))
	}
	cert := filepath.Join(out, release.FileSigner)
	for _, l := range sampleLoTEs {
		t.Run(l.file, func(t *testing.T) {
			f := loteFilesOf(l.file)
			checkLoTEOutside(t, tools, filepath.Join(out, f.xml), filepath.Join(out, f.json), filepath.Join(out, f.jws), cert)
			for _, sum := range [][2]string{{f.xml, f.xmlSHA2}, {f.jws, f.jwsSHA2}} {
				if got := read(t, out, sum[1]); string(got) != release.SHA2(read(t, out, sum[0])) {
					t.Errorf("%s holds %q, not the SHA-256 of %s", sum[1], got, sum[0])
				}
			}
		})
	}
}

// TestLoTEProfiles: each sample list follows its EU profile's structure:
// lote-check --profile passes once the four values only the Commission
// can write (LoTEType, the territory EU, the status determination
// approach and the scheme rules) are replaced by the EU's, as mra.yaml's
// lists_of_trusted_entities gives them, and by nothing else; unchanged, the profile
// refuses exactly those.
func TestLoTEProfiles(t *testing.T) {
	lc := testtool.Tool(t, "lote-check", "node")
	src := sources(t)
	out := filepath.Join(t.TempDir(), "out")
	if _, err := build(t, src, out, signer(t, keys.ECP256), issue, false); err != nil {
		t.Fatal(err)
	}
	set, _, err := source.LoadLoTE(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range sampleLoTEs {
		t.Run(l.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(out, loteFilesOf(l.file).json))
			if err != nil {
				t.Fatal(err)
			}
			var doc map[string]map[string]any
			if err := json.Unmarshal(data, &doc); err != nil {
				t.Fatal(err)
			}
			si, _ := doc["LoTE"]["ListAndSchemeInformation"].(map[string]any)
			lt := set.Mapping.ListType(si["LoTEType"].(string))
			if lt == nil {
				t.Fatalf("list type %v has no correspondence in mra.yaml", si["LoTEType"])
			}
			if msg, ok := testtool.Run(t, lc, "--profile", l.profile, filepath.Join(out, loteFilesOf(l.file).json)); ok {
				t.Errorf("lote-check --profile %s passes a list with Japan's values:\n%s", l.profile, msg)
			} else if n := strings.Count(msg, "profile "+l.profile+": LoTE."); n != 4 {
				t.Errorf("lote-check --profile %s: %d findings, want the four EU-only values:\n%s", l.profile, n, msg)
			}
			// The values replaced are the ones mra.yaml maps.
			if rules, _ := json.Marshal(si["SchemeTypeCommunityRules"]); si["StatusDeterminationApproach"] != lt.StatusDetermination.Japan ||
				!strings.Contains(string(rules), `"`+lt.CommunityRules.Japan+`"`) {
				t.Fatalf("the list's status determination approach and scheme rules are not mra.yaml's %+v", lt)
			}
			detn := lt.StatusDetermination.EU
			if l.profile == "EUPubEAAProvidersList" {
				// @owf/eudi-lote 0.2.0 spells this URI with a stray
				// quotation mark at its end; the test gives it its own
				// spelling (package lote's profile table has the right
				// one).
				detn += `"`
			}
			si["LoTEType"], si["SchemeTerritory"], si["StatusDeterminationApproach"] = lt.EU, "EU", detn
			si["SchemeTypeCommunityRules"] = []map[string]string{{"lang": "en", "uriValue": lt.CommunityRules.EU}}
			eu, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(t.TempDir(), l.file+".eu.json")
			if err := os.WriteFile(p, eu, 0o644); err != nil {
				t.Fatal(err)
			}
			if msg, ok := testtool.Run(t, lc, "--profile", l.profile, p); !ok {
				t.Errorf("lote-check --profile %s with the EU's four values:\n%s", l.profile, msg)
			}
		})
	}
}

// TestLoTEStation: the signing station publishes the same lists of
// trusted entities as a build (the same JSON payloads; ECDSA signatures
// differ), in the release, its history and on the page, and a payload
// changed after it was prepared is refused at publication.
func TestLoTEStation(t *testing.T) {
	k := signer(t, keys.ECP256)
	src := sources(t)
	out, out2 := filepath.Join(t.TempDir(), "out"), filepath.Join(t.TempDir(), "out")
	if _, err := build(t, src, out, k, issue, false); err != nil {
		t.Fatal(err)
	}
	prep := filepath.Join(t.TempDir(), "prep")
	if _, err := Prepare(Options{Sources: src, Out: out2, IssueTime: issue}, prep); err != nil {
		t.Fatal(err)
	}
	if err := SignPrepared(prep, SignOptions{Key: k}); err != nil {
		t.Fatal(err)
	}
	// A second copy whose payload is changed after signing.
	bad := filepath.Join(t.TempDir(), "bad")
	testtool.CopyDir(t, prep, bad)
	res, err := Publish(prep, PublishOptions{Out: out2})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.LoTEs) != len(sampleLoTEs) {
		t.Errorf("%d lists published, want %d", len(res.LoTEs), len(sampleLoTEs))
	}
	for _, l := range sampleLoTEs {
		f := loteFilesOf(l.file)
		if !bytes.Equal(read(t, out, f.json), read(t, out2, f.json)) {
			t.Errorf("%s differs between a build and a signing station's release", f.json)
		}
		for _, dir := range []string{out, out2} {
			for _, name := range []string{f.xml, f.xmlSHA2, f.jws, f.jwsSHA2, release.DirHistory + "/1/" + f.xml} {
				if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name))); err != nil {
					t.Error(err)
				}
			}
			if page := read(t, dir, release.FileHTML); !bytes.Contains(page, []byte(`href="`+f.jws+`"`)) {
				t.Errorf("the page of %s does not link %s", dir, f.jws)
			}
		}
	}
	// The vocabulary with its EU values, as the page shows it.
	voc := read(t, out, fileLoTEVocabulary)
	if !bytes.Equal(voc, read(t, out2, fileLoTEVocabulary)) || !bytes.Contains(voc, []byte(`"eu": "http://uri.etsi.org/19602/LoTEType/EUPIDProvidersList"`)) {
		t.Errorf("%s:\n%s", fileLoTEVocabulary, voc)
	}
	f := loteFilesOf(sampleLoTEs[0].file)
	p := filepath.Join(bad, filepath.FromSlash(f.json))
	edit(t, p, "J-LIS", "J-LlS")
	if _, err := Publish(bad, PublishOptions{Out: filepath.Join(t.TempDir(), "out")}); err == nil || !strings.Contains(err.Error(), "not the one that was prepared") {
		t.Errorf("a payload changed after preparation: %v", err)
	}
}

// TestSampleLoTEVocabulary holds the site's fixture (internal/site/
// testdata/lote-vocabulary.json) to the sample release's
// lote/vocabulary.json: the page's table of the lists' correspondence
// with the EU is tested on what a build makes.
func TestSampleLoTEVocabulary(t *testing.T) {
	b, _, err := loadLoTEs(filepath.Join(testtool.Root(), "sources"), issue)
	if err != nil {
		t.Fatal(err)
	}
	got, err := vocabularyJSON(b.page())
	if err != nil {
		t.Fatal(err)
	}
	if *updateDocs {
		if err := os.WriteFile(filepath.Join(testtool.Root(), "internal", "site", "testdata", "lote-vocabulary.json"), got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(filepath.Join(testtool.Root(), "internal", "site", "testdata", "lote-vocabulary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("internal/site/testdata/lote-vocabulary.json is not the sample's: copy a build's out/lote/vocabulary.json there (or go test -run TestSampleLoTEVocabulary -update-docs)")
	}
}

// TestLoTEMappingChangeIsPublished: a change to mra.yaml's
// lists_of_trusted_entities alone (a correspondence's date) changes
// lote/vocabulary.json and the page's table, not the lists: it is a new
// release whose report gives the change.
func TestLoTEMappingChangeIsPublished(t *testing.T) {
	src, out, k := firstRelease(t)
	const pid = "      eu: http://uri.etsi.org/19602/LoTEType/EUPIDProvidersList\n      status: enacted\n      from: \"2026-"
	edit(t, filepath.Join(src, "mra.yaml"), pid+`10-01T00:00:00Z"`, pid+`11-01T00:00:00Z"`)
	r := buildFilesOnly(t, src, out, k, "an edited correspondence of the lists of trusted entities")
	if len(r.Changes.Files) != 1 || r.Changes.Files[0].File != fileLoTEVocabulary || r.Changes.Files[0].Change != diff.Changed {
		t.Fatalf("files: %+v", r.Changes.Files)
	}
	f := r.Changes.Files[0]
	if len(f.Fields) != 1 || !strings.HasPrefix(f.Fields[0].Field, "list_types") || !strings.HasPrefix(f.Fields[0].Old, "2026-10-01") || !strings.HasPrefix(f.Fields[0].New, "2026-11-01") {
		t.Errorf("the report does not give the date's change: %+v", f.Fields)
	}
	if md := r.Changes.Markdown(); !strings.Contains(md, fileLoTEVocabulary) || !strings.Contains(md, "2026-11-01") {
		t.Errorf("the Markdown report does not show the change:\n%s", md)
	}
	for _, l := range r.LoTEs {
		if len(l.Changes) != 0 {
			t.Errorf("%s changed: %v", l.File, l.Changes)
		}
	}
	if !bytes.Contains(read(t, out, fileLoTEVocabulary), []byte(`"from": "2026-11-01T00:00:00Z"`)) || !bytes.Contains(read(t, out, release.FileHTML), []byte("enacted 2026-11-01")) {
		t.Error("lote/vocabulary.json or the page's table is stale")
	}
}

// TestLoTEChanges: a change to a list of trusted entities alone makes a
// release, which says what changed; without a change nothing is written.
func TestLoTEChanges(t *testing.T) {
	src, out, k := firstRelease(t)
	res, err := Build(Options{Sources: src, Out: out, Key: k, IssueTime: issue.Add(time.Hour)})
	if err != nil || res.Written {
		t.Fatalf("unchanged sources: written %v, %v", res != nil && res.Written, err)
	}
	edit(t, filepath.Join(src, "lote", "wallet-providers", "entities", "sample-wallet-b.yaml"), "Sample Wallet B, wallet unit attestations", "Sample Wallet B, attestations")
	res, err = Build(Options{Sources: src, Out: out, Key: k, IssueTime: issue.Add(2 * time.Hour)})
	if err != nil || !res.Written {
		t.Fatalf("a list of trusted entities changed: written %v, %v", res != nil && res.Written, err)
	}
	got := map[string]string{}
	for _, l := range res.LoTEs {
		if l.Sequence != 2 {
			t.Errorf("%s: sequence %d, want 2", l.File, l.Sequence)
		}
		got[l.File] = strings.Join(l.Changes, "; ")
	}
	want := map[string]string{"JP-PID-providers": "", "JP-PubEAA-providers": "", "JP-wallet-providers": "entity changed: Sample Wallet Provider B K.K."}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("changes %v, want %v", got, want)
	}
}

// TestLoTERemoved: a list removed from the sources makes a release that
// says so, without the list; its files stay in history.
func TestLoTERemoved(t *testing.T) {
	src, out, k := firstRelease(t)
	if err := os.RemoveAll(filepath.Join(src, "lote", "wallet-providers")); err != nil {
		t.Fatal(err)
	}
	res, err := Build(Options{Sources: src, Out: out, Key: k, IssueTime: issue.Add(time.Hour)})
	if err != nil || !res.Written {
		t.Fatalf("a list removed: written %v, %v", res != nil && res.Written, err)
	}
	if r := res.LoTEs[len(res.LoTEs)-1]; r.File != "JP-wallet-providers" || len(r.Changes) != 1 || !strings.Contains(r.Changes[0], "removed") {
		t.Errorf("result %+v", r)
	}
	f := loteFilesOf("JP-wallet-providers")
	if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(f.xml))); err == nil {
		t.Error("the removed list is still published")
	}
	if _, err := os.Stat(filepath.Join(out, "history", "1", filepath.FromSlash(f.xml))); err != nil {
		t.Error(err)
	}
}

// TestLoTEChangeReport: what changed in a list of trusted entities is in
// the change report itself (diff.Report.Files), value by value, and so in
// changes.md and the CLI's output; the sequence number and the dates,
// which every release changes, are not.
func TestLoTEChangeReport(t *testing.T) {
	wallet := filepath.Join("lote", "wallet-providers")
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, src string)
		want   string // the list's summary
		field  string // a value the report shows, old or new
	}{
		{"entity changed", func(t *testing.T, src string) {
			edit(t, filepath.Join(src, wallet, "entities", "sample-wallet-b.yaml"), "Sample Wallet B, wallet unit attestations", "Sample Wallet B, attestations")
		}, "entity changed: Sample Wallet Provider B K.K.", "Sample Wallet B, attestations"},
		{"entity removed", func(t *testing.T, src string) {
			if err := os.Remove(filepath.Join(src, wallet, "entities", "sample-wallet-a.yaml")); err != nil {
				t.Fatal(err)
			}
		}, "entity removed: ", "Sample Wallet Provider A"},
		{"scheme information", func(t *testing.T, src string) {
			edit(t, filepath.Join(src, wallet, "scheme.yaml"), "mailto:trustlist@digital.go.jp", "mailto:lote@digital.go.jp")
		}, "list and scheme information changed", "mailto:lote@digital.go.jp"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src, out, k := firstRelease(t)
			tc.change(t, src)
			res, err := Build(Options{Sources: src, Out: out, Key: k, IssueTime: issue.Add(time.Hour)})
			if err != nil || !res.Written {
				t.Fatalf("written %v, %v", res != nil && res.Written, err)
			}
			if res.Changes.Empty() {
				t.Fatal("the change report is empty")
			}
			var got *diff.FileChange
			for i, f := range res.Changes.Files {
				if f.File == "lote/JP-wallet-providers.json" {
					got = &res.Changes.Files[i]
				} else if strings.HasPrefix(f.File, "lote/") {
					t.Errorf("unchanged file in the report: %+v", f)
				}
			}
			if got == nil || got.Change != diff.Changed {
				t.Fatalf("report's files %+v: no change of lote/JP-wallet-providers.json", res.Changes.Files)
			}
			shown := false
			for _, f := range got.Fields {
				shown = shown || strings.Contains(f.Old+f.New, tc.field)
				for _, v := range []string{"LoTESequenceNumber", "ListIssueDateTime", "NextUpdate"} {
					if strings.Contains(f.Field, v) {
						t.Errorf("volatile value compared: %+v", f)
					}
				}
			}
			if !shown {
				t.Errorf("no value %q among %+v", tc.field, got.Fields)
			}
			if md := res.Changes.Markdown(); !strings.Contains(md, "lote/JP-wallet-providers.json") || !strings.Contains(md, tc.field) {
				t.Errorf("changes.md does not show the list's change:\n%s", md)
			}
			for _, l := range res.LoTEs {
				if l.File == "JP-wallet-providers" && (len(l.Changes) != 1 || !strings.HasPrefix(l.Changes[0], tc.want)) {
					t.Errorf("summary %q, want %q…", l.Changes, tc.want)
				}
			}
		})
	}
}

// TestLoTEFolderRemoved: removing the whole sources/lote folder is a
// change (each list and the vocabulary removed), published without them.
func TestLoTEFolderRemoved(t *testing.T) {
	src, out, k := firstRelease(t)
	if err := os.RemoveAll(filepath.Join(src, "lote")); err != nil {
		t.Fatal(err)
	}
	res, err := Build(Options{Sources: src, Out: out, Key: k, IssueTime: issue.Add(time.Hour)})
	if err != nil || !res.Written {
		t.Fatalf("the lists removed: written %v, %v", res != nil && res.Written, err)
	}
	removed := map[string]bool{}
	for _, f := range res.Changes.Files {
		if f.Change == diff.Removed {
			removed[f.File] = true
		}
	}
	for _, f := range []string{"lote/JP-PID-providers.json", "lote/JP-PubEAA-providers.json", "lote/JP-wallet-providers.json", fileLoTEVocabulary} {
		if !removed[f] {
			t.Errorf("%s: not removed in the report's files %+v", f, res.Changes.Files)
		}
	}
	if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(loteFilesOf("JP-PID-providers").xml))); err == nil {
		t.Error("a removed list is still published")
	}
	// The release says of each list that it is no longer there.
	if len(res.LoTEs) != len(sampleLoTEs) {
		t.Fatalf("results %+v, want the %d lists removed", res.LoTEs, len(sampleLoTEs))
	}
	for _, r := range res.LoTEs {
		if r.Sequence != 0 || len(r.Changes) != 1 || !strings.Contains(r.Changes[0], "removed") {
			t.Errorf("result %+v", r)
		}
	}
}
