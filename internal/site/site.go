// Package site renders the human-readable page of a trusted list: one
// self-contained HTML file in Japanese and English (no external assets,
// readable on a phone) with every TSP and service, its type, status and
// history, certificate subject, validity and SHA-256 fingerprint. TS 119
// 612 clause 5.1.1: other formats carry the same information as the XML,
// which stays authoritative.
package site

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"html/template"
	"io"
	"strings"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/templates"
)

// Options name the release files the page links to.
type Options struct {
	XMLHref, JSONHref, SignerCertHref string
	SignerCert                        *x509.Certificate
	SHA256                            string // of the XML
}

var page = template.Must(template.ParseFS(templates.FS, "index.html.tmpl"))

type text struct{ En, Ja string }

func bilingual(m model.MultiLang) text {
	t := text{En: m.Get("en"), Ja: m.Get("ja")}
	if t.En == "" && len(m) > 0 {
		t.En = m[0].Value
	}
	if t.Ja == "" {
		t.Ja = t.En
	}
	return t
}

type certView struct{ Subject, NotBefore, NotAfter, SHA256 string }

type histView struct{ Status, Since string }

type serviceView struct {
	Name               text
	Type, TypeLabel    string
	StatusShort, Since string
	Certs              []certView
	Info               []string
	History            []histView
}

type tspView struct {
	Name     text
	ID       string
	Services []serviceView
}

type view struct {
	SchemeName, Operator          text
	Territory                     string
	Sequence                      int
	Issued, NextUpdate, SHA256    string
	XMLHref, JSONHref, SignerHref string
	Signer                        *certView
	TSPs                          []tspView
	ServiceCount                  int
}

// typeLabels name the service types a reader meets.
var typeLabels = map[string]string{
	model.SvcCAQC:             "認証局（適格） / CA issuing qualified certificates",
	model.SvcCAPKC:            "認証局 / CA issuing certificates",
	model.SvcTSAQTST:          "タイムスタンプ（適格） / Qualified time stamping",
	model.SvcTSA:              "タイムスタンプ / Time stamping",
	model.SvcOCSPQC:           "失効情報（OCSP） / Certificate status (OCSP)",
	model.SvcCRLQC:            "失効情報（CRL） / Certificate status (CRL)",
	model.SvcNationalRootCAQC: "国のルート認証局 / National root CA",
}

func certOf(c *x509.Certificate) certView {
	sum := sha256.Sum256(c.Raw)
	return certView{c.Subject.String(), c.NotBefore.UTC().Format(model.TimeLayout), c.NotAfter.UTC().Format(model.TimeLayout), hex.EncodeToString(sum[:])}
}

func short(uri string) string { return uri[strings.LastIndex(uri, "/")+1:] }

// Render writes the page of l.
func Render(w io.Writer, l *model.List, opts Options) error {
	v := view{
		SchemeName: bilingual(l.Scheme.Name), Operator: bilingual(l.Scheme.OperatorName),
		Territory: l.Scheme.Territory, Sequence: l.Scheme.SequenceNumber,
		Issued: l.Scheme.ListIssueDateTime.Format(model.TimeLayout), SHA256: opts.SHA256,
		XMLHref: opts.XMLHref, JSONHref: opts.JSONHref, SignerHref: opts.SignerCertHref,
	}
	if l.Scheme.NextUpdate != nil {
		v.NextUpdate = l.Scheme.NextUpdate.Format(model.TimeLayout)
	}
	if opts.SignerCert != nil {
		c := certOf(opts.SignerCert)
		v.Signer = &c
	}
	for _, t := range l.Providers {
		tv := tspView{Name: bilingual(t.Name)}
		for _, n := range t.TradeName {
			if strings.Contains(n.Value, "-") && len(n.Value) > 6 && strings.ToUpper(n.Value[:3]) == n.Value[:3] {
				tv.ID = n.Value
				break
			}
		}
		for _, s := range t.Services {
			sv := serviceView{Name: bilingual(s.Name), Type: s.Type, TypeLabel: typeLabels[s.Type],
				StatusShort: short(s.Status), Since: s.StatusStartingTime.Format(model.TimeLayout)}
			if sv.TypeLabel == "" {
				sv.TypeLabel = short(s.Type)
			}
			for _, d := range s.Identity {
				if d.Certificate != nil {
					if c, err := x509.ParseCertificate(d.Certificate); err == nil {
						sv.Certs = append(sv.Certs, certOf(c))
					}
				}
			}
			for _, e := range s.Extensions {
				if a := e.AdditionalServiceInformation; a != nil {
					sv.Info = append(sv.Info, a.URI.Value)
				}
			}
			for _, h := range s.History {
				sv.History = append(sv.History, histView{short(h.Status), h.StatusStartingTime.Format(model.TimeLayout)})
			}
			tv.Services = append(tv.Services, sv)
			v.ServiceCount++
		}
		v.TSPs = append(v.TSPs, tv)
	}
	return page.Execute(w, v)
}
