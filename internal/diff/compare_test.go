package diff

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/tsl/tsltest"
)

// lines flattens a report into one line per fact, for exact comparison.
func lines(r *Report) []string {
	var out []string
	field := func(prefix string, f FieldChange) {
		out = append(out, fmt.Sprintf("%s%s: %q -> %q", prefix, f.Field, f.Old, f.New))
	}
	for _, f := range r.Scheme {
		field("scheme ", f)
	}
	for _, t := range r.TSPs {
		out = append(out, "tsp "+t.Change+" "+t.Name)
		for _, f := range t.Fields {
			field("  ", f)
		}
		for _, s := range t.Services {
			out = append(out, "  service "+s.Change+" "+s.Name+" "+short(s.Type, model.SvcTypePrefix))
			if st := s.Status; st != nil {
				from := strings.TrimSpace(short(st.From, model.SvcStatusPrefix) + " " + st.FromSince)
				to := strings.TrimSpace(short(st.To, model.SvcStatusPrefix) + " " + st.Since)
				out = append(out, strings.TrimRight("    status "+strings.TrimLeft(from+" -> "+to, " "), " "))
			}
			if c := s.Certificates; c != nil {
				out = append(out, fmt.Sprintf("    certificates %v -> %v", c.Old, c.New))
			}
			for _, f := range s.Fields {
				field("    ", f)
			}
		}
	}
	return out
}

func sum(der []byte) string {
	s := sha256.Sum256(der)
	return hex.EncodeToString(s[:])
}

// Names in testdata/old.xml.
const (
	amano = "Amano Corporation"
	moj   = "Ministry of Justice"
	tdb   = "Teikoku Databank, Ltd."
	jlis  = "Japan Agency for Local Authority Information Systems"
)

func tsp(l *model.List, name string) *model.TSP {
	for i := range l.Providers {
		if l.Providers[i].Name.Get("en") == name {
			return &l.Providers[i]
		}
	}
	panic("no TSP " + name)
}

func TestCompare(t *testing.T) {
	at := time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC)
	base := tsltest.Valid(t, "testdata/old.xml")
	amanoCert := base.Providers[0].Services[0].Identity[0].Certificate
	mojCert := tsp(base, moj).Services[0].Identity[0].Certificate
	tdbG2 := tsp(base, tdb).Services[0]
	other := slices.Clone(mojCert)
	other[len(other)-1] ^= 0xff // another certificate, as far as matching goes

	tests := []struct {
		name string
		edit func(l *model.List)
		want []string
	}{
		{"nothing", func(*model.List) {}, nil},
		{"what every release changes", func(l *model.List) {
			l.ID = "JP-TL-8"
			l.Scheme.SequenceNumber++
			l.Scheme.ListIssueDateTime = at
			nu := at.AddDate(0, 6, 0)
			l.Scheme.NextUpdate = &nu
		}, nil},
		{"order alone", func(l *model.List) {
			slices.Reverse(l.Providers)
			slices.Reverse(tsp(l, tdb).Services)
			slices.Reverse(l.Scheme.OperatorAddress.Electronic)
		}, nil},
		{"closing the list", func(l *model.List) { l.Scheme.NextUpdate = nil }, []string{
			`scheme NextUpdate: "2027-01-01T00:00:00Z" -> "none (closed list)"`,
		}},
		{"status change, previous status moved into history", func(l *model.List) {
			s := &l.Providers[0].Services[0]
			s.History = append([]model.HistoryInstance{{Type: s.Type, Name: s.Name, Identity: s.Identity[1:],
				Status: s.Status, StatusStartingTime: s.StatusStartingTime}}, s.History...)
			s.Status, s.StatusStartingTime = model.StatusWithdrawn, at
		}, []string{
			"tsp changed " + amano,
			"  service changed Amano Time Stamp Service 3161 TSA/QTST",
			"    status granted 2024-01-01T00:00:00Z -> withdrawn 2026-08-01T00:00:00Z",
		}},
		{"history rewritten", func(l *model.List) {
			h := &tsp(l, tdb).Services[1].History[0]
			h.StatusStartingTime = h.StatusStartingTime.AddDate(0, -1, 0)
		}, []string{
			"tsp changed " + tdb,
			"  service changed TDB Electronic Certification Service Type A CA/QC",
			`    ServiceHistory: "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted since 2024-01-01T00:00:00Z as http://uri.etsi.org/TrstSvc/Svctype/CA/QC" -> "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted since 2023-12-01T00:00:00Z as http://uri.etsi.org/TrstSvc/Svctype/CA/QC"`,
		}},
		{"history entry edited", func(l *model.List) {
			tsp(l, tdb).Services[1].History[0].Name[0].Value = "Type A"
		}, []string{
			"tsp changed " + tdb,
			"  service changed TDB Electronic Certification Service Type A CA/QC",
			`    ServiceHistory[http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted since 2024-01-01T00:00:00Z as http://uri.etsi.org/TrstSvc/Svctype/CA/QC]/ServiceName[en]: "TDB Electronic Certification Service Type A" -> "Type A"`,
		}},
		{"new certificate on the same service", func(l *model.List) {
			tsp(l, moj).Services[0].Identity[0].Certificate = other
		}, []string{
			"tsp changed " + moj,
			"  service changed Commercial Registration Certification Authority CA/QC",
			fmt.Sprintf("    certificates [%s] -> [%s]", sum(mojCert), sum(other)),
		}},
		{"re-keyed as a new entry (clause 5.5.3), the old one kept", func(l *model.List) {
			s := tsp(l, moj).Services[0]
			s.Identity = model.DigitalIdentity{{Certificate: other}}
			s.StatusStartingTime = at
			tsp(l, moj).Services = append(tsp(l, moj).Services, s)
		}, []string{
			"tsp changed " + moj,
			"  service added Commercial Registration Certification Authority CA/QC",
			"    status -> granted 2026-08-01T00:00:00Z",
			fmt.Sprintf("    certificates [] -> [%s]", sum(other)),
		}},
		{"type changed, matched by certificate", func(l *model.List) {
			s := &tsp(l, moj).Services[0]
			s.Type = model.SvcCAPKC
			s.Name[0].Value = "Commercial Registration CA"
		}, []string{
			"tsp changed " + moj,
			"  service changed Commercial Registration CA CA/PKC",
			`    ServiceTypeIdentifier: "http://uri.etsi.org/TrstSvc/Svctype/CA/QC" -> "http://uri.etsi.org/TrstSvc/Svctype/CA/PKC"`,
			`    ServiceName[en]: "Commercial Registration Certification Authority" -> "Commercial Registration CA"`,
		}},
		{"one certificate under two types, order swapped", func(l *model.List) {
			p := tsp(l, moj)
			pkc := p.Services[0]
			pkc.Type = model.SvcCAPKC
			p.Services = append([]model.Service{pkc}, p.Services...)
		}, []string{
			"tsp changed " + moj,
			"  service added Commercial Registration Certification Authority CA/PKC",
			"    status -> granted 2024-01-01T00:00:00Z",
			fmt.Sprintf("    certificates [] -> [%s]", sum(mojCert)),
		}},
		{"TSP renamed, matched by registration identifier", func(l *model.List) {
			tsp(l, amano).Name[0].Value = "Amano Corp."
		}, []string{
			"tsp changed Amano Corp.",
			`  TSPName[en]: "Amano Corporation" -> "Amano Corp."`,
		}},
		{"registration identifier corrected, matched by name", func(l *model.List) {
			tsp(l, amano).TradeName[0].Value = "NTRJP-9011101056780"
		}, []string{
			"tsp changed " + amano,
			`  TSPTradeName[en]: "NTRJP-9011101056789" -> "NTRJP-9011101056780"`,
		}},
		{"new identifier and new name: another TSP", func(l *model.List) {
			p := tsp(l, amano)
			p.TradeName[0].Value = "NTRJP-9011101056780"
			p.Name[0].Value = "Amano Corp."
		}, []string{
			"tsp added Amano Corp.",
			"  service added Amano Time Stamp Service 3161 TSA/QTST",
			"    status -> granted 2024-01-01T00:00:00Z",
			fmt.Sprintf("    certificates [] -> [%s]", sum(amanoCert)),
			"tsp removed " + amano,
			"  service removed Amano Time Stamp Service 3161 TSA/QTST",
			"    status granted 2024-01-01T00:00:00Z ->",
			fmt.Sprintf("    certificates [%s] -> []", sum(amanoCert)),
		}},
		{"service moved to another TSP", func(l *model.List) {
			t := tsp(l, tdb)
			t.Services = t.Services[1:]
			tsp(l, jlis).Services = append(tsp(l, jlis).Services, tdbG2)
		}, []string{
			"tsp changed " + jlis,
			"  service added TDB Electronic Certification Service Type A (G2) CA/QC",
			"    status -> granted 2024-04-01T00:00:00Z",
			fmt.Sprintf("    certificates [] -> [%s]", sum(tdbG2.Identity[0].Certificate)),
			"tsp changed " + tdb,
			"  service removed TDB Electronic Certification Service Type A (G2) CA/QC",
			"    status granted 2024-04-01T00:00:00Z ->",
			fmt.Sprintf("    certificates [%s] -> []", sum(tdbG2.Identity[0].Certificate)),
		}},
		{"extension made critical", func(l *model.List) {
			tsp(l, tdb).Services[0].Extensions[0].Critical = true
		}, []string{
			"tsp changed " + tdb,
			"  service changed TDB Electronic Certification Service Type A (G2) CA/QC",
			`    ServiceInformationExtensions: "AdditionalServiceInformation http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/ForeSignatures [en]" -> "critical AdditionalServiceInformation http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/ForeSignatures [en]"`,
		}},
		{"LOTL signer added for a key roll-over", func(l *model.List) {
			p := &l.Scheme.Pointers[0]
			p.Identities = append(p.Identities, model.DigitalIdentity{{Certificate: other}})
		}, []string{
			`scheme PointersToOtherTSL[https://ec.europa.eu/tools/lotl/eu-lotl.xml]: "" -> "signer SHA-256 ` + sum(other) + `"`,
		}},
		{"LOTL moved", func(l *model.List) {
			l.Scheme.Pointers[0].Location = "https://ec.europa.eu/tools/lotl/eu-lotl-v6.xml"
		}, []string{
			`scheme PointersToOtherTSL[https://ec.europa.eu/tools/lotl/eu-lotl-v6.xml]/TSLLocation: "https://ec.europa.eu/tools/lotl/eu-lotl.xml" -> "https://ec.europa.eu/tools/lotl/eu-lotl-v6.xml"`,
		}},
		{"distribution point replaced", func(l *model.List) {
			l.Scheme.DistributionPoints = []string{"https://example.jp/JP-TSL.xml"}
		}, []string{
			`scheme DistributionPoints: "https://www.digital.go.jp/trustlist/JP-TSL.xml" -> "https://example.jp/JP-TSL.xml"`,
		}},
		{"Japanese name added", func(l *model.List) {
			l.Scheme.InformationURI = append(l.Scheme.InformationURI, model.LangString{Lang: "ja", Value: "https://example.jp/"})
		}, []string{
			`scheme SchemeInformationURI[ja]: "" -> "https://example.jp/"`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := tsltest.Valid(t, "testdata/old.xml")
			tt.edit(l)
			r := Compare(base, l)
			got := lines(r)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if r.Empty() != (len(tt.want) == 0) {
				t.Errorf("Empty() = %v", r.Empty())
			}
		})
	}
}

// TestCompareNil compares against no list: the first release adds all.
func TestCompareNil(t *testing.T) {
	l := tsltest.Valid(t, "testdata/old.xml")
	services := 0
	for _, p := range l.Providers {
		services += len(p.Services)
	}
	add, del := Compare(nil, l), Compare(l, nil)
	if s := add.Summary; s.TSPsAdded != len(l.Providers) || s.ServicesAdded != services || s.TSPsRemoved+s.TSPsChanged+s.ServicesRemoved+s.ServicesChanged != 0 {
		t.Errorf("Compare(nil, l).Summary = %+v, want %d TSPs and %d services added", s, len(l.Providers), services)
	}
	if s := del.Summary; s.TSPsRemoved != len(l.Providers) || s.ServicesRemoved != services {
		t.Errorf("Compare(l, nil).Summary = %+v", s)
	}
}
