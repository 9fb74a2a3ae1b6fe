package site

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"html/template"
	"strconv"
	"time"

	"github.com/jtsl/jtsl/internal/model"
)

// The view is what the template shows: the list turned into display
// strings, so that the template holds no logic beyond loops.

// A text is a multilingual value shown in both languages: Ja is empty when
// the list has no Japanese value; En is the English value, else the first
// one, in language Lang (clause 5.1.4 makes English mandatory, but a
// foreign list may break that).
type text struct{ Ja, En, Lang string }

func bilingual(m model.MultiLang) text {
	t := text{Ja: m.Get("ja"), En: m.Get("en"), Lang: "en"}
	if t.En == "" && len(m) > 0 {
		t.En, t.Lang = m[0].Value, m[0].Lang
	}
	if t.Ja == t.En {
		t.Ja = ""
	}
	return t
}

// A stamp is a time for the <time> element: Attr in the form of clause
// 5.1.3, Text for reading.
type stamp struct{ Attr, Text string }

func stampOf(t time.Time) stamp {
	if t.IsZero() {
		return stamp{}
	}
	t = t.UTC()
	return stamp{t.Format(model.TimeLayout), t.Format("2006-01-02 15:04 UTC")}
}

type certView struct {
	Subject             string
	der                 []byte // the certificate, shared with the list; nil: no download
	File                string // its file name
	NotBefore, NotAfter stamp
	SHA256              string // lowercase hex of the DER bytes
	Unparsed            bool   // the bytes are not a certificate Go can parse
	Sample              bool   // generated, not the service's real certificate
	Source              string // where a real certificate was taken from
}

// Download is the data: URI of the certificate (base64: nothing to
// escape), "" when there is none. The services' articles write it
// straight into the page (htmlWriter.dataURI) and never call this: a
// whole list's certificates are ≈ 14 MB of base64.
func (c certView) Download() template.URL {
	if c.der == nil {
		return ""
	}
	return template.URL(dataURIPrefix + base64.StdEncoding.EncodeToString(c.der))
}

const dataURIPrefix = "data:application/pkix-cert;base64,"

func certOf(der []byte, known map[[sha256.Size]byte]CertSummary) certView {
	sum := sha256.Sum256(der)
	v := certView{SHA256: hex.EncodeToString(sum[:])}
	v.der = der
	v.File = v.SHA256[:16] + ".cer"
	cs, ok := known[sum]
	if !ok || cs.Subject == "" { // unknown, or known by its notes only
		c, err := x509.ParseCertificate(der)
		if err != nil {
			v.Unparsed = true
			return v
		}
		s := Summarize(c)
		s.Sample, s.Source = cs.Sample, cs.Source
		cs = s
	}
	v.Subject, v.Sample, v.Source = cs.Subject, cs.Sample, cs.Source
	v.NotBefore, v.NotAfter = stampOf(cs.NotBefore), stampOf(cs.NotAfter)
	return v
}

type statusView struct {
	Label label
	URI   string
	Class string // ok, bad or other
	Since stamp
	Until stamp // zero for the current status
}

func statusOf(uri string, since time.Time) statusView {
	l, class := statusLabel(uri)
	return statusView{Label: l, URI: uri, Class: class, Since: stampOf(since)}
}

type serviceView struct {
	Name        text
	Type        label
	TypeURI     string
	Status      statusView
	Certs       []certView
	Other       []string // DigitalIds other than certificates, when there is no certificate
	Info        []label  // additionalServiceInformation (clause 5.5.9.4)
	TakenOverBy []text   // the TSP that took the service over (clause 5.5.9.3)
	History     []historyView
}

type historyView struct {
	statusView
	Name    text  // set when it differs from the current name
	Type    label // set when it differs from the current type
	TypeURI string
}

type tspView struct {
	Anchor   string
	Name     text
	IDs      []string // registration identifiers (clause 5.4.2)
	Info     []link
	Services []serviceView
	// Articles marks where the template puts the articles of Services,
	// which Render writes there (article.go).
	Articles template.HTML
}

// A link is a URI with the languages the list gives it in (a URI given
// for several languages is shown once).
type link struct {
	Href  string
	Langs string // "en, ja"
	Lang  string // the first, for hreflang
}

type view struct {
	Name, Operator     text
	Territory          string
	Sequence           int
	Issued, NextUpdate stamp
	Closed             bool
	InfoURIs           []link
	XMLHref, JSONHref  string
	SignerHref, SHA256 string
	SHA2Href, JWSHref  string
	ManifestHref       string
	HistoryHref        string
	DevKey, WeakSigner bool
	Signer             *certView
	TSPs               []tspView
	Services           int
	Terms              *Terms // the scheme's vocabulary and equivalences; nil when it has none
	PointerHref        string
	EquivalencesHref   string
	LoTEs              *loteView // nil: none
}

func newView(l *model.List, opts Options) *view {
	s := &l.Scheme
	v := &view{
		Name: bilingual(s.Name), Operator: bilingual(s.OperatorName),
		Territory: s.Territory, Sequence: s.SequenceNumber,
		Issued: stampOf(s.ListIssueDateTime), Closed: s.NextUpdate == nil,
		InfoURIs: links(s.InformationURI),
		XMLHref:  opts.XMLHref, JSONHref: opts.JSONHref, SignerHref: opts.SignerCertHref, SHA256: opts.SHA256,
		SHA2Href: opts.SHA2Href, JWSHref: opts.JWSHref, ManifestHref: opts.ManifestHref, HistoryHref: opts.HistoryHref,
		DevKey: opts.DevelopmentKey, WeakSigner: opts.WeakSigner,
		PointerHref: opts.PointerHref, EquivalencesHref: opts.EquivalencesHref,
		LoTEs: newLoTEView(opts.LoTEs, opts),
	}
	if s.NextUpdate != nil {
		v.NextUpdate = stampOf(*s.NextUpdate)
	}
	if opts.SignerCert != nil {
		c := certOf(opts.SignerCert.Raw, nil)
		v.Signer = &c
	}
	voc := newVocabulary(opts.Terms)
	v.Terms = opts.Terms
	for i := range l.Providers {
		t := &l.Providers[i]
		tv := tspView{Anchor: "tsp-" + strconv.Itoa(i+1), Name: bilingual(t.Name), IDs: t.RegistrationIDs(), Info: links(t.InformationURI)}
		for j := range t.Services {
			tv.Services = append(tv.Services, service(&t.Services[j], opts.Known, voc))
		}
		tv.Articles = articlesMark
		v.Services += len(tv.Services)
		v.TSPs = append(v.TSPs, tv)
	}
	return v
}

func service(s *model.Service, known map[[sha256.Size]byte]CertSummary, voc vocabulary) serviceView {
	sv := serviceView{Name: bilingual(s.Name), Type: voc.label(s.Type, typeLabel), TypeURI: s.Type,
		Status: voc.status(s.Status, s.StatusStartingTime)}
	for _, d := range s.Identity {
		if d.Certificate != nil {
			sv.Certs = append(sv.Certs, certOf(d.Certificate, known))
		}
	}
	if len(sv.Certs) == 0 {
		for _, d := range s.Identity {
			switch {
			case d.SubjectName != "":
				sv.Other = append(sv.Other, "X509SubjectName: "+d.SubjectName)
			case d.SKI != nil:
				sv.Other = append(sv.Other, "X509SKI: "+hex.EncodeToString(d.SKI))
			case d.KeyValue != "":
				sv.Other = append(sv.Other, "KeyValue")
			case d.OtherPresent:
				sv.Other = append(sv.Other, "Other: "+d.Other)
			}
		}
	}
	for _, e := range s.Extensions {
		if a := e.AdditionalServiceInformation; a != nil {
			sv.Info = append(sv.Info, voc.label(a.URI.Value, infoLabel))
		}
		if o := e.TakenOverBy; o != nil {
			sv.TakenOverBy = append(sv.TakenOverBy, bilingual(o.TSPName))
		}
	}
	// Each history entry lasted until the next newer status began
	// (clause 5.6; EU DSS reads it the same way, docs/checks.md R25) —
	// when the history is newest first, as it must be; else no end is
	// shown rather than a wrong one.
	until, ordered := s.StatusStartingTime, true
	for _, h := range s.History {
		hv := historyView{statusView: voc.status(h.Status, h.StatusStartingTime)}
		hv.Until = stampOf(until)
		ordered = ordered && !h.StatusStartingTime.After(until)
		until = h.StatusStartingTime
		if h.Type != s.Type {
			hv.Type, hv.TypeURI = voc.label(h.Type, typeLabel), h.Type
		}
		if n := bilingual(h.Name); n != sv.Name {
			hv.Name = n
		}
		sv.History = append(sv.History, hv)
	}
	if !ordered {
		for i := range sv.History {
			sv.History[i].Until = stamp{}
		}
	}
	return sv
}

func links(m model.MultiLang) []link {
	var out []link
	at := map[string]int{}
	for _, s := range m {
		if i, ok := at[s.Value]; ok {
			out[i].Langs += ", " + s.Lang
			continue
		}
		at[s.Value] = len(out)
		out = append(out, link{Href: s.Value, Langs: s.Lang, Lang: s.Lang})
	}
	return out
}
