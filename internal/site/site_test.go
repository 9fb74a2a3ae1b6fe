package site

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"flag"
	"html/template"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/synth"
	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/tsl/tsltest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// fixture decodes testdata/list.xml: the sample list (every TSP, history,
// an identity without certificate) at sequence 3.
func fixture(t testing.TB) *model.List {
	t.Helper()
	l := tsltest.Valid(t, "testdata/list.xml")
	return l
}

// options links the release files; the signer stands in with the LOTL
// pointer's certificate of the fixture (any certificate will do).
func options(t testing.TB, l *model.List) Options {
	t.Helper()
	c, err := x509.ParseCertificate(l.Scheme.Pointers[0].Identities[0][0].Certificate)
	if err != nil {
		t.Fatal(err)
	}
	return Options{XMLHref: "JP-TSL.xml", JSONHref: "JP-TSL.json", SignerCertHref: "tlso.pem",
		SignerCert: c, SHA256: strings.Repeat("0123456789abcdef", 4),
		SHA2Href: "JP-TSL.sha2", JWSHref: "JP-TSL.json.jws", ManifestHref: "manifest.json", HistoryHref: "history/"}
}

func render(t testing.TB, l *model.List, opts Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := Render(&b, l, opts); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestGolden pins the page of the fixture, its first service certificate
// marked as a sample and its second with a source, as a build marks them
// from the sources; review a change in a browser (or with TestChromium's
// screenshots), then go test -update.
func TestGolden(t *testing.T) {
	l := fixture(t)
	opts := options(t, l)
	opts.Known = marked(t, l)
	opts.Terms = terms(t)
	opts.PointerHref, opts.EquivalencesHref = "mra/JP-pointer.xml", "mra/equivalences.json"
	opts.LoTEs = lotes(t)
	got := []byte(render(t, l, opts))
	for _, want := range []string{
		`<span class="sample">サンプル証明書 <span class="en" lang="en">sample certificate</span></span>`,
		`<span class="src">出典 <span class="en" lang="en">Source</span>: the publisher&#39;s site</span>`,
	} {
		if bytes.Count(got, []byte(want)) != 1 {
			t.Errorf("the page does not show once: %s", want)
		}
	}
	testtool.Golden(t, filepath.Join("testdata", "index.html.golden"), got, *update)
}

// TestRenderWriters: a page rendered to a writer other than a buffer
// (its articles then go through a buffer of their own) is the page
// rendered into a buffer, for the fixture and a synthetic list.
func TestRenderWriters(t *testing.T) {
	l := fixture(t)
	opts := options(t, l)
	for name, l := range map[string]*model.List{"fixture": l, "synthetic": synth.Load(t, 100).List} {
		var got strings.Builder
		if err := Render(&got, l, opts); err != nil {
			t.Fatal(err)
		}
		if want := render(t, l, opts); got.String() != want {
			t.Errorf("%s: the page written to a strings.Builder differs from the page in a buffer", name)
		}
	}
}

// lotes is one list of trusted entities of one service, with the
// sample release's correspondence of the lists' types with the EU
// (testdata/lote-vocabulary.json, its lote/vocabulary.json; publish's
// TestSampleLoTEVocabulary holds it to the sources).
func lotes(t testing.TB) *LoTEs {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "lote-vocabulary.json"))
	if err != nil {
		t.Fatal(err)
	}
	v := &LoTEs{VocabularyHref: "lote/vocabulary.json"}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatal(err)
	}
	en := func(s string) model.MultiLang { return model.MultiLang{{Lang: "en", Value: s}} }
	v.Lists = []LoTE{{Name: en("JP:List of PID providers"), Type: v.ListTypes[0], Profile: "EUPIDProvidersList", Sequence: 1,
		XMLHref: "lote/JP-PID-providers.xml", XMLSHA2Href: "lote/JP-PID-providers.xml.sha2", JSONHref: "lote/JP-PID-providers.json",
		JWSHref: "lote/JP-PID-providers.json.jws", JWSSHA2Href: "lote/JP-PID-providers.json.jws.sha2",
		Services: []LoTEService{{Entity: en("J-LIS"), Name: en("PID issuance"), Type: v.ServiceTypes[0]}}}}
	return v
}

// terms reads testdata/terms.json: the sample release's
// mra/equivalences.json (publish's TestSampleTerms holds it to the
// sources).
func terms(t testing.TB) *Terms {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "terms.json"))
	if err != nil {
		t.Fatal(err)
	}
	var v Terms
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return &v
}

// TestTerms: the page shows the scheme's vocabulary as a table (URI,
// Japanese and English labels, definition, EU equivalent) and each
// direction of the mapping; a service of a scheme type or status is
// labelled from the vocabulary, its status marked in force or not.
func TestTerms(t *testing.T) {
	l := fixture(t)
	opts := options(t, l)
	opts.Terms = terms(t)
	page := render(t, l, opts)
	esc := template.HTMLEscapeString
	for _, v := range opts.Terms.Vocabulary {
		row := "<tr><td><code>" + v.URI + "</code></td><td lang=\"ja\">" + esc(v.Label.Ja) + "</td><td lang=\"en\">" + esc(v.Label.En) + "</td>"
		if !strings.Contains(page, row) {
			t.Errorf("no vocabulary row %s", row)
		}
		if !strings.Contains(page, "<span lang=\"en\">"+esc(v.Definition.En)+"</span>") {
			t.Errorf("no definition of %s", v.URI)
		}
	}
	for _, r := range opts.Terms.Recognitions {
		if !strings.Contains(page, `<section class="terms" id="`+r.Direction+`">`) {
			t.Errorf("no section for %s", r.Direction)
		}
		for _, e := range r.Equivalences {
			if !strings.Contains(page, "<tr><td><code>"+e.LegalIdentifier+"</code></td>") {
				t.Errorf("%s: no row for %s", r.Direction, e.LegalIdentifier)
			}
		}
	}
	for _, want := range []string{
		// The vocabulary's EU equivalent column.
		"<td><code>QCForESig</code></td></tr>",
		// A JPKI service: its type and status labelled from the vocabulary.
		"公的個人認証サービス（署名用電子証明書） <span class=\"en\" lang=\"en\">JPKI signature certification</span>",
		`<span class="badge ok">運用中 <span class="en" lang="en">Operating</span></span>`,
		`<span class="badge bad">運用終了 <span class="en" lang="en">Ceased</span></span>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
}

// marked summarises the fixture's service certificates, the first marked
// as a sample and the second with a source.
func marked(t testing.TB, l *model.List) map[[sha256.Size]byte]CertSummary {
	t.Helper()
	known := map[[sha256.Size]byte]CertSummary{}
	n := 0
	for _, p := range l.Providers {
		for _, s := range p.Services {
			for _, d := range s.Identity {
				c, err := x509.ParseCertificate(d.Certificate)
				if d.Certificate == nil || err != nil {
					continue
				}
				cs := Summarize(c)
				switch n {
				case 0:
					cs.Sample = true
				case 1:
					cs.Source = "the publisher's site"
				}
				n++
				known[sha256.Sum256(d.Certificate)] = cs
			}
		}
	}
	if n < 2 {
		t.Fatal("fewer than two service certificates in the fixture")
	}
	return known
}

// TestEverythingShown checks the page against the model: every TSP and
// service, each type and status with its label and URI, every history
// entry, each certificate's SHA-256 (computed here from the DER bytes).
func TestEverythingShown(t *testing.T) {
	l := fixture(t)
	page := render(t, l, options(t, l))
	has := func(what, s string) {
		t.Helper()
		if !strings.Contains(page, s) {
			t.Errorf("page lacks %s %q", what, s)
		}
	}
	esc := template.HTMLEscapeString
	services := 0
	for _, p := range l.Providers {
		has("TSP name", esc(p.Name.Get("en")))
		if ja := p.Name.Get("ja"); ja != "" {
			has("Japanese TSP name", `<span class="ja" lang="ja">`+esc(ja)+`</span>`)
		}
		for _, id := range p.RegistrationIDs() {
			has("registration id", "<code>"+esc(id)+"</code>")
		}
		for _, s := range p.Services {
			services++
			has("service name", esc(s.Name.Get("en")))
			has("type URI", "<code>"+s.Type+"</code>")
			has("type label", typeLabel(s.Type).En)
			has("status URI", "<code>"+s.Status+"</code>")
			lbl, _ := statusLabel(s.Status)
			has("status label", lbl.En)
			has("status start", `<time datetime="`+s.StatusStartingTime.UTC().Format(model.TimeLayout)+`">`)
			for _, h := range s.History {
				has("history status", "<code>"+h.Status+"</code>")
				has("history start", `<time datetime="`+h.StatusStartingTime.UTC().Format(model.TimeLayout)+`">`)
			}
			for _, d := range s.Identity {
				if d.Certificate != nil {
					sum := sha256.Sum256(d.Certificate)
					has("certificate SHA-256", "<code>"+hex.EncodeToString(sum[:])+"</code>")
					c, err := x509.ParseCertificate(d.Certificate)
					if err != nil {
						t.Fatal(err)
					}
					has("certificate subject", esc(Summarize(c).Subject))
					has("certificate expiry", `<time datetime="`+c.NotAfter.UTC().Format(model.TimeLayout)+`">`)
				}
			}
		}
	}
	if got := strings.Count(page, `<article class="service">`); got != services {
		t.Errorf("page shows %d services, the list has %d", got, services)
	}
	if got := strings.Count(page, `<section class="tsp"`); got != len(l.Providers) {
		t.Errorf("page shows %d TSPs, the list has %d", got, len(l.Providers))
	}
	for _, s := range []string{`<html lang="ja">`, `name="viewport"`, `href="JP-TSL.xml"`, `href="JP-TSL.json"`, `href="tlso.pem"`,
		"<code>" + strings.Repeat("0123456789abcdef", 4) + "</code>", `<time datetime="2027-01-01T00:00:00Z">`} {
		has("header", s)
	}
}

// TestSelfContained: nothing is loaded from elsewhere and nothing runs.
func TestSelfContained(t *testing.T) {
	l := fixture(t)
	page := render(t, l, options(t, l))
	for _, re := range []string{`(?i)<script`, `(?i)\ssrc=`, `(?i)<link`, `(?i)@import`, `(?i)url\(`, `(?i)<iframe`, `(?i)\son[a-z]+=`} {
		if m := regexp.MustCompile(re).FindString(page); m != "" {
			t.Errorf("page holds %q", m)
		}
	}
}

// TestEscaping puts markup into every kind of value the page shows: names,
// a certificate subject and a link. The page shows it as text.
func TestEscaping(t *testing.T) {
	const hostile = `<script>alert(1)</script> & ]]> "q" 'a'`
	l := fixture(t)
	l.Scheme.Name = model.MultiLang{{Lang: "en", Value: hostile}, {Lang: "ja", Value: hostile + "日本"}}
	l.Providers[0].Name[0].Value = hostile
	l.Providers[0].InformationURI = model.MultiLang{{Lang: "en", Value: "javascript:alert(1)"}}
	s := &l.Providers[0].Services[0]
	s.Name[0].Value = hostile
	s.Identity = model.DigitalIdentity{{Certificate: hostileCert(t, hostile)}}
	s.Status = "http://example.org/<b>status</b>"
	page := render(t, l, options(t, l))
	for _, bad := range []string{"<script", "]]>", "<b>", `href="javascript:`} {
		if strings.Contains(page, bad) {
			t.Errorf("page holds %q", bad)
		}
	}
	if n := strings.Count(page, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; ]]&gt;"); n < 4 {
		t.Errorf("escaped text shown %d times, want the scheme name, TSP name, service name and certificate subject", n)
	}
}

// hostileCert makes a certificate whose subject carries markup.
func hostileCert(t *testing.T, cn string) []byte {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: cn},
		NotBefore: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

// TestShapes covers what the sample does not have: a closed list, a name
// without Japanese, an unknown status, a certificate that does not parse,
// and a history out of order (no end times are made up).
func TestShapes(t *testing.T) {
	l := fixture(t)
	l.Scheme.NextUpdate = nil
	p := &l.Providers[0]
	p.Name = model.MultiLang{{Lang: "en", Value: "English Only"}}
	s := &p.Services[0]
	s.Status = "http://example.org/Svcstatus/suspended"
	s.Identity = model.DigitalIdentity{{Certificate: []byte("not DER")}}
	s.History = []model.HistoryInstance{
		{Type: s.Type, Name: s.Name, Status: model.StatusGranted, StatusStartingTime: s.StatusStartingTime.AddDate(1, 0, 0)},
	}
	page := render(t, l, Options{})
	notSum := sha256.Sum256([]byte("not DER"))
	for _, want := range []string{
		"none: this list is closed",
		`<h2><span lang="en">English Only</span></h2>`,
		`<span class="badge other">suspended</span>`,
		"Certificate that cannot be parsed",
		"<code>" + hex.EncodeToString(notSum[:]) + "</code>",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(page, `lang="ja"></span>`) {
		t.Error("an empty Japanese value is shown")
	}
	// The history entry starts after the current status: no end time.
	if i := strings.Index(page, `<ol class="history">`); i < 0 || !strings.Contains(page[i:i+400], "– —") {
		t.Errorf("history out of order shows an end time")
	}
	for _, link := range []string{`href="JP-TSL.xml"`, "Signed by"} {
		if strings.Contains(page, link) {
			t.Errorf("empty options still show %q", link)
		}
	}
}

// TestKnownCertificates checks that the page takes what it shows of a
// certificate from Options.Known when it is there (a build passes what
// its sources were checked with), and gives the same page for the same
// summaries.
func TestKnownCertificates(t *testing.T) {
	l := fixture(t)
	opts := options(t, l)
	want := render(t, l, opts)
	opts.Known = map[[sha256.Size]byte]CertSummary{}
	var first [sha256.Size]byte
	for _, p := range l.Providers {
		for _, s := range p.Services {
			for _, d := range s.Identity {
				if d.Certificate == nil {
					continue
				}
				c, err := x509.ParseCertificate(d.Certificate)
				if err != nil {
					continue
				}
				sum := sha256.Sum256(d.Certificate)
				if len(opts.Known) == 0 {
					first = sum
				}
				opts.Known[sum] = Summarize(c)
			}
		}
	}
	if len(opts.Known) == 0 {
		t.Fatal("no service certificate in the fixture")
	}
	if got := render(t, l, opts); got != want {
		t.Error("the page differs with the certificates known")
	}
	opts.Known[first] = CertSummary{Subject: "CN=known, not parsed"}
	if got := render(t, l, opts); !strings.Contains(got, "CN=known, not parsed") {
		t.Error("the page parsed a certificate it was given")
	}
}

// TestBannersAndLinks: a development key or a weak signer puts a banner
// at the top; the page links every release file; each service
// certificate downloads as its DER bytes; a URI given in several
// languages is shown once, with its languages.
func TestBannersAndLinks(t *testing.T) {
	l := fixture(t)
	opts := options(t, l)
	plain := render(t, l, opts)
	if strings.Contains(plain, `class="banner"`) {
		t.Error("a banner on a list signed with the operator's key")
	}
	for _, tc := range []struct {
		set  func(*Options)
		want string
	}{
		{func(o *Options) { o.DevelopmentKey = true }, "Signed with a DEVELOPMENT KEY"},
		{func(o *Options) { o.WeakSigner = true }, "fails the TLSO profile check"},
	} {
		o := opts
		tc.set(&o)
		page := render(t, l, o)
		i, j := strings.Index(page, `<p class="banner" role="alert">`), strings.Index(page, "<h1>")
		if i < 0 || j < i || !strings.Contains(page[i:j], tc.want) {
			t.Errorf("no banner %q before the title", tc.want)
		}
	}
	for _, href := range []string{"JP-TSL.xml", "JP-TSL.sha2", "JP-TSL.json", "JP-TSL.json.jws", "manifest.json", "history/", "tlso.pem"} {
		if !strings.Contains(plain, `href="`+href+`"`) {
			t.Errorf("no link to %s", href)
		}
	}
	// Every service certificate of the fixture downloads, byte for byte.
	re := regexp.MustCompile(`<a class="dl" href="data:application/pkix-cert;base64,([^"]+)" download="([0-9a-f]{16})\.cer">`)
	got := map[string]bool{}
	for _, m := range re.FindAllStringSubmatch(plain, -1) {
		der, err := base64.StdEncoding.DecodeString(strings.ReplaceAll(m[1], "&#43;", "+"))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(der)
		if hex.EncodeToString(sum[:8]) != m[2] {
			t.Errorf("%s.cer holds other bytes", m[2])
		}
		got[hex.EncodeToString(sum[:])] = true
	}
	for _, tsp := range l.Providers {
		for _, s := range tsp.Services {
			for _, d := range s.Identity {
				if sum := sha256.Sum256(d.Certificate); d.Certificate != nil && !got[hex.EncodeToString(sum[:])] {
					t.Errorf("service %s: its certificate cannot be downloaded", s.Name.Get("en"))
				}
			}
		}
	}
	// A URI in two languages: one link, labelled with both.
	l.Providers[0].InformationURI = model.MultiLang{{Lang: "en", Value: "https://tsp.example.jp/"}, {Lang: "ja", Value: "https://tsp.example.jp/"}, {Lang: "ja", Value: "https://tsp.example.jp/ja/"}}
	page := render(t, l, opts)
	if n := strings.Count(page, `href="https://tsp.example.jp/"`); n != 1 {
		t.Errorf("https://tsp.example.jp/ shown %d times", n)
	}
	if !strings.Contains(page, `<a href="https://tsp.example.jp/" hreflang="en">https://tsp.example.jp/</a> (en, ja) <a href="https://tsp.example.jp/ja/" hreflang="ja">https://tsp.example.jp/ja/</a> (ja)`) {
		t.Error("information URIs not labelled by language")
	}
}

// TestLoTECorrespondence: the page's table of the lists' correspondence
// with the EU says when one is repealed, and a term without one has a
// dash; a list of a repealed type says so beside its EU value.
func TestLoTECorrespondence(t *testing.T) {
	l := fixture(t)
	opts := options(t, l)
	opts.LoTEs = lotes(t)
	from := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	opts.LoTEs.ListTypes[0].Status, opts.LoTEs.ListTypes[0].From = "repealed", &from
	opts.LoTEs.Lists[0].Type = opts.LoTEs.ListTypes[0]
	opts.LoTEs.ServiceTypes[1] = LoTETerm{URI: "http://uri.etsi.org/19602/SvcType/PID/Revocation"}
	got := render(t, l, opts)
	for _, want := range []string{
		`<code>http://uri.etsi.org/19602/PIDProviders/schemerules/EU</code></td><td>repealed 2027-01-01</td></tr>`,
		`⇔ EU <code>http://uri.etsi.org/19602/LoTEType/EUPIDProvidersList</code> (repealed 2027-01-01)</dd>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if !regexp.MustCompile(`<tr><td><code>http://uri\.etsi\.org/19602/SvcType/PID/Revocation</code></td><td>[^\n]*</td><td>—</td><td></td></tr>`).MatchString(got) {
		t.Error("the page does not show a service type without correspondence with a dash")
	}
}
