package publish

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/release"
)

// otherSigner returns a second TLSO key for the sample's operator.
func otherSigner(t *testing.T, operator string) *keys.Key {
	t.Helper()
	s, err := keys.NewKey(keys.ECP256)
	if err != nil {
		t.Fatal(err)
	}
	c, err := keys.NewSelfSigned(s, keys.Subject{Territory: "JP", Operator: operator, CommonName: "jtsl test TLSO renewed"},
		time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	return &keys.Key{Signer: s, Cert: c}
}

// TestContinuityRefusals: a release continues the previous one, or is
// refused with a message that names what differs and what to do, and
// out/ stays byte for byte as it was (issue 16 items 3, 4, 5).
func TestContinuityRefusals(t *testing.T) {
	k := signer(t, keys.ECP256)
	renewed := otherSigner(t, "Digital Agency")
	devDir := t.TempDir()
	tests := []struct {
		name  string
		first Options // the previous release (Sources, Out and Key filled in when empty)
		next  Options
		want  []string
	}{
		{"another signer", Options{}, Options{Key: renewed, IssueTime: issue.Add(time.Hour)},
			[]string{"signer certificate differs from the previous release's", "jtsl test TLSO renewed", "give --new-signer"}},
		{"development key to a real key", Options{DevKeyDir: devDir}, Options{IssueTime: issue.Add(time.Hour)},
			[]string{"signer certificate differs", keys.DevCommonName, "give --new-signer"}},
		{"a real key to the development key", Options{}, Options{DevKeyDir: devDir, IssueTime: issue.Add(time.Hour)},
			[]string{"signer certificate differs", keys.DevCommonName, "give --new-signer"}},
		{"issued in the future", Options{}, Options{IssueTime: issue.Add(time.Hour), Now: issue.Add(time.Hour - MaxClockSkew - time.Second)},
			[]string{"is 5m1s after the current time", "not issued in the future", "--issue-time", "SOURCE_DATE_EPOCH"}},
		{"back-dated", Options{}, Options{IssueTime: issue.Add(-time.Hour)},
			[]string{"before the previous release's", "never back-dated"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := sources(t)
			out := filepath.Join(t.TempDir(), "out")
			first := tt.first
			first.Sources, first.Out, first.IssueTime = src, out, issue
			if first.DevKeyDir == "" {
				first.Key = k
			}
			if _, err := Build(first); err != nil {
				t.Fatal(err)
			}
			before := tree(t, out)
			next := tt.next
			next.Sources, next.Out, next.Reissue = src, out, true
			if next.Key == nil && next.DevKeyDir == "" {
				next.Key = k
			}
			_, err := Build(next)
			for _, w := range tt.want {
				if err == nil || !strings.Contains(err.Error(), w) {
					t.Fatalf("got %v\nwant an error containing %q", err, w)
				}
			}
			if !equalTrees(tree(t, out), before) {
				t.Error("out/ was touched")
			}
		})
	}
}

// TestNewSigner: with --new-signer the release is signed by the new
// certificate, and the change report and manifest.json name both; a
// change from the development key is warned about.
func TestNewSigner(t *testing.T) {
	src := sources(t)
	out := filepath.Join(t.TempDir(), "out")
	if _, err := Build(Options{Sources: src, Out: out, DevKeyDir: t.TempDir(), IssueTime: issue}); err != nil {
		t.Fatal(err)
	}
	k := signer(t, keys.ECP256)
	var log bytes.Buffer
	r, err := Build(Options{Sources: src, Out: out, Key: k, IssueTime: issue.Add(time.Hour), Reissue: true, NewSigner: true, Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), "was signed with the DEVELOPMENT KEY") {
		t.Errorf("no warning of the development key:\n%s", log.String())
	}
	want := signerOf(k.Cert)
	if s := r.Changes.Signer; s == nil || s.New != want || !s.Old.DevelopmentKey {
		t.Fatalf("change report: %+v", s)
	}
	md := r.Changes.Markdown()
	if !strings.Contains(md, "New signer certificate") || !strings.Contains(md, want.SHA256) || !strings.Contains(md, "DEVELOPMENT KEY") {
		t.Errorf("markdown:\n%s", md)
	}
	m, err := release.ReadManifest(out)
	if err != nil || m == nil {
		t.Fatalf("manifest: %v", err)
	}
	if m.NewSigner == nil || m.NewSigner.New != want || m.NewSigner.Old != r.Changes.Signer.Old || m.Signer == nil || *m.Signer != want {
		t.Errorf("manifest: signer %+v, new_signer %+v", m.Signer, m.NewSigner)
	}
	// The next release with the same certificate needs no flag.
	if _, err := Build(Options{Sources: src, Out: out, Key: k, IssueTime: issue.Add(2 * time.Hour), Reissue: true}); err != nil {
		t.Error(err)
	}
}

// TestAnotherScheme: a previous release of another scheme operator or
// territory is refused, naming both, and out/ is untouched.
func TestAnotherScheme(t *testing.T) {
	// Another operator's release, as --previous.
	other := sources(t)
	edit(t, filepath.Join(other, "scheme.yaml"), "en: Digital Agency", "en: Other Agency")
	edit(t, filepath.Join(other, "scheme.yaml"), "ja: デジタル庁", "ja: 他庁")
	// Its lists of trusted entities would name the Digital Agency, whom
	// the other signer does not bind to: this release has none.
	if err := os.RemoveAll(filepath.Join(other, "lote")); err != nil {
		t.Fatal(err)
	}
	otherOut := filepath.Join(t.TempDir(), "other")
	if _, err := Build(Options{Sources: other, Out: otherOut, Key: otherSigner(t, "Other Agency"), IssueTime: issue}); err != nil {
		t.Fatal(err)
	}
	src := sources(t)
	out := filepath.Join(t.TempDir(), "out")
	k := signer(t, keys.ECP256)
	if _, err := Build(Options{Sources: src, Out: out, Key: k, IssueTime: issue}); err != nil {
		t.Fatal(err)
	}
	before := tree(t, out)
	_, err := Build(Options{Sources: src, Out: out, Key: k, IssueTime: issue.Add(time.Hour), Reissue: true,
		Previous: filepath.Join(otherOut, release.FileXML)})
	for _, w := range []string{"published by scheme operator \"Other Agency\"", "\"Digital Agency\"", "give --previous (or --out) the release of this scheme"} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Fatalf("got %v\nwant an error containing %q", err, w)
		}
	}
	if !equalTrees(tree(t, out), before) {
		t.Error("out/ was touched")
	}
	// Another territory.
	jp := &model.List{Scheme: model.Scheme{Territory: "JP", OperatorName: model.MultiLang{{Lang: "en", Value: "Digital Agency"}}}}
	kr := &model.List{Scheme: model.Scheme{Territory: "KR", OperatorName: jp.Scheme.OperatorName}}
	err = checkSameScheme(&previous{path: "prev.xml", list: kr}, jp)
	if err == nil || !strings.Contains(err.Error(), `territory "KR", these sources are "JP"`) {
		t.Errorf("another territory: %v", err)
	}
	if err := checkSameScheme(&previous{path: "prev.xml", list: jp}, jp); err != nil {
		t.Errorf("the same scheme: %v", err)
	}
}
