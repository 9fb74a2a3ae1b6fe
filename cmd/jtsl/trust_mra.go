package main

import (
	"crypto/x509"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/jtsl/jtsl/internal/mra"
	"github.com/jtsl/jtsl/internal/trust"
)

// mraReport is the EU qualification part of `jtsl trust --mra`: what EU
// DSS with MRA support concludes for the certificate.
type mraReport struct {
	QualificationAtIssuance string              `json:"qualification_at_issuance"`
	QualificationAtTime     string              `json:"qualification_at_time"`
	MRALegalIdentifier      string              `json:"mra_legal_identifier,omitempty"`
	MRAEnacted              bool                `json:"mra_enacted"`
	AtIssuance              trust.Qualification `json:"at_issuance"`
	AtTime                  trust.Qualification `json:"at_time"`
	Services                []trust.Period      `json:"trust_services"`
	Contexts                []trust.MRAContext  `json:"certificate_content_equivalences,omitempty"`
	Notes                   []string            `json:"notes,omitempty"`
	// Granted is the verdict under --mra (trust.GrantedEU): the report's
	// trusted and the exit code follow it.
	Granted bool `json:"-"`
}

// qualifyMRA judges cert with the services of the used lists that cover
// it, each list's services translated by the MRA block of the pointer it
// was reached through (none: used as they are).
func qualifyMRA(sources []trust.Source, cert *x509.Certificate, chain []*x509.Certificate, at time.Time) *mraReport {
	var groups []trust.Group
	var notes []string
	index := map[string]int{}
	for _, c := range trust.Covering(sources, trust.Query{Cert: cert, Chain: chain, At: at}) {
		i, ok := index[c.Source.Name]
		if !ok {
			var a *mra.Agreement
			if v := c.Source.Via; v != nil && v.Pointer != nil {
				var err error
				if a, err = mra.FromPointer(*v.Pointer, v.Parent); err != nil {
					notes = append(notes, "MRA block not used: "+err.Error())
				}
			}
			i = len(groups)
			index[c.Source.Name] = i
			groups = append(groups, trust.Group{Agreement: a})
		}
		groups[i].Periods = append(groups[i].Periods, trust.Periods(c.TSP, c.Service, cert)...)
	}
	ev := trust.EvaluateAll(groups, cert, at)
	return &mraReport{
		QualificationAtIssuance: ev.AtIssuance.Name, QualificationAtTime: ev.AtTime.Name,
		MRALegalIdentifier: ev.LegalIdentifier, MRAEnacted: ev.Enacted,
		AtIssuance: ev.AtIssuance, AtTime: ev.AtTime, Services: ev.Periods, Contexts: ev.Contexts,
		Notes: append(notes, ev.Notes...), Granted: trust.GrantedEU(ev.Periods, at),
	}
}

func writeMRAText(w io.Writer, r *mraReport) {
	fmt.Fprintf(w, "EU qualification (as EU DSS with MRA support):\n")
	fmt.Fprintf(w, "  at issuance (%s): %s\n", r.AtIssuance.Time.Format(time.RFC3339), r.QualificationAtIssuance)
	fmt.Fprintf(w, "  at %s: %s\n", r.AtTime.Time.Format(time.RFC3339), r.QualificationAtTime)
	if r.MRAEnacted {
		fmt.Fprintf(w, "  certificate content translated by the enacted equivalence %s\n", r.MRALegalIdentifier)
	} else {
		fmt.Fprintf(w, "  certificate content not translated (no enacted equivalence applies to it)\n")
	}
	for _, c := range r.Contexts {
		fmt.Fprintf(w, "    %s: %s\n", c.URI, map[bool]string{true: "applied", false: "condition not met"}[c.Enacted])
	}
	for _, s := range r.Services {
		end := "now"
		if s.End != nil {
			end = s.End.Format(time.RFC3339)
		}
		fmt.Fprintf(w, "  service %s / %s, %s to %s\n    type %s %s\n    status %s\n", s.TSP, s.Service, s.Start.Format(time.RFC3339), end,
			s.Type, strings.Join(s.ASIs, " "), s.Status)
		if len(s.Qualifiers) > 0 {
			fmt.Fprintf(w, "    qualifiers %s\n", strings.Join(s.Qualifiers, ", "))
		}
		if s.OriginalType != "" {
			eq := "repealed"
			if s.EnactedMRA {
				eq = "enacted"
			}
			since := ""
			if s.MRAEquivalenceStart != nil {
				since = " since " + s.MRAEquivalenceStart.Format(time.RFC3339)
			}
			fmt.Fprintf(w, "    MRA %s %s%s (listed as %s, %s)\n", s.MRALegalIdentifier, eq, since, s.OriginalType, s.OriginalStatus)
		} else if s.MRAList {
			fmt.Fprintf(w, "    MRA: no single equivalence matches this service: not translated\n")
		}
	}
	for _, n := range r.Notes {
		fmt.Fprintf(w, "  note: %s\n", n)
	}
}
