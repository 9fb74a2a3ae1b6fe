package lint

import (
	"crypto/x509"
	"slices"
	"sync"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/source"
)

// This file walks the model and names each part by where the sources
// wrote it (source.Set.Loc, recorded by source.Load), so that every rule
// reports at the line a person wrote.

// A svcRef locates one service in the sources.
type svcRef struct {
	set   *source.Set
	at    source.Loc // the service
	tsp   *model.TSP
	svc   *model.Service
	certs []*x509.Certificate // the identity's certificates that parse, in order
	// certAt[k] is the index in svc.Identity of certs[k].
	certAt []int
}

// cert returns the first certificate of the identity, or nil.
func (r svcRef) cert() *x509.Certificate {
	if len(r.certs) == 0 {
		return nil
	}
	return r.certs[0]
}

// statusAt returns where history instance i was written, or the current
// status for i < 0.
func (r svcRef) statusAt(i int) source.Loc {
	if i < 0 {
		return r.set.Loc(&r.svc.Status)
	}
	return r.set.Loc(&r.svc.History[i])
}

// identityAt returns where DigitalId k of the identity was written.
func (r svcRef) identityAt(k int) source.Loc { return r.set.Loc(&r.svc.Identity[k]) }

func services(s *source.Set) []svcRef {
	n := 0
	for i := range s.List.Providers {
		n += len(s.List.Providers[i].Services)
	}
	out := make([]svcRef, 0, n)
	for i := range s.List.Providers {
		t := &s.List.Providers[i]
		for j := range t.Services {
			svc := &t.Services[j]
			r := svcRef{set: s, at: s.Loc(svc), tsp: t, svc: svc}
			for k, d := range svc.Identity {
				if d.Certificate == nil {
					continue
				}
				if c, err := s.Certificate(d.Certificate); err == nil {
					r.certs = append(r.certs, c)
					r.certAt = append(r.certAt, k)
				}
			}
			out = append(out, r)
		}
	}
	return out
}

// A langField is one multilingual field and where it is; where each value
// is, is Set.Loc(&m[k]).
type langField struct {
	at   source.Loc
	m    model.MultiLang
	uri  bool    // the values are URIs
	kind uriKind // their vocabulary, when they are
	// electronic marks an ElectronicAddress (clause 5.3.5.2): known
	// where it is listed, rather than found from its YAML path, which
	// takes a walk from the file's top.
	electronic bool
}

// langFields lists every multilingual field of the sources that is present.
func langFields(s *source.Set) []langField {
	var out []langField
	text := func(at source.Loc, m model.MultiLang) {
		if m != nil {
			out = append(out, langField{at: at, m: m})
		}
	}
	uri := func(at source.Loc, m model.MultiLang, kind uriKind) {
		if m != nil {
			out = append(out, langField{at: at, m: m, uri: true, kind: kind})
		}
	}
	sch := &s.List.Scheme
	sc := s.Loc(sch)
	text(sc.Key("name"), sch.Name)
	text(sc.Key("operator.name"), sch.OperatorName)
	address := func(at source.Loc, m model.MultiLang) {
		if m != nil {
			out = append(out, langField{at: at, m: m, uri: true, kind: uriFree, electronic: true})
		}
	}
	address(sc.Key("operator.address.electronic"), sch.OperatorAddress.Electronic)
	uri(sc.Key("information_uri"), sch.InformationURI, uriFree)
	uri(sc.Key("community_rules"), sch.CommunityRules, uriSchemeRules)
	if p := sch.PolicyOrLegalNotice; p != nil {
		uri(sc.Key("policy.policies"), p.Policies, uriFree)
		text(sc.Key("policy.legal_notices"), p.LegalNotices)
	}
	for i := range sch.Pointers {
		for k := range sch.Pointers[i].AdditionalInformation {
			info := &sch.Pointers[i].AdditionalInformation[k]
			if o := info.Other; o != nil {
				at := s.Loc(info)
				text(at.Key("scheme_operator_name"), o.SchemeOperatorName)
				uri(at.Key("scheme_type_community_rules"), o.SchemeTypeCommunityRules, uriSchemeRules)
			}
		}
	}
	for i := range s.List.Providers {
		t := &s.List.Providers[i]
		tl := s.Loc(t)
		text(tl.Key("name"), t.Name)
		text(tl.Key("trade_name"), t.TradeName)
		address(tl.Key("address.electronic"), t.Address.Electronic)
		uri(tl.Key("information_uri"), t.InformationURI, uriFree)
		for j := range t.Services {
			sv := &t.Services[j]
			sl := s.Loc(sv)
			text(sl.Key("name"), sv.Name)
			uri(sl.Key("scheme_service_definition_uri"), sv.SchemeServiceDefinitionURI, uriFree)
			uri(sl.Key("tsp_service_definition_uri"), sv.TSPServiceDefinitionURI, uriFree)
			for h := range sv.History {
				// A history name is the service's unless the entry overrides it.
				if hl := s.Loc(&sv.History[h]); hl.Has("name") {
					text(hl.Key("name"), sv.History[h].Name)
				}
			}
		}
	}
	for _, e := range extensions(s) {
		if tob := e.ext.TakenOverBy; tob != nil {
			text(e.at.Key("taken_over_by.tsp_name"), tob.TSPName)
			text(e.at.Key("taken_over_by.scheme_operator_name"), tob.SchemeOperatorName)
		}
	}
	return out
}

// A postalRef is one postal address field and where it is; where each
// address is, is Set.Loc(&all[k]).
type postalRef struct {
	at  source.Loc // the address's postal field
	all []model.PostalAddress
}

func postals(s *source.Set) []postalRef {
	out := []postalRef{{s.Loc(&s.List.Scheme).Key("operator.address.postal"), s.List.Scheme.OperatorAddress.Postal}}
	for i := range s.List.Providers {
		t := &s.List.Providers[i]
		out = append(out, postalRef{s.Loc(t).Key("address.postal"), t.Address.Postal})
	}
	return out
}

// An extRef locates one extension.
type extRef struct {
	at  source.Loc
	ext *model.Extension
	// svcType is the type of the service (or history instance) the
	// extension belongs to; "" for scheme and TSP extensions.
	svcType string
}

func extensions(s *source.Set) []extRef {
	var out []extRef
	add := func(exts []model.Extension, svcType string) {
		for k := range exts {
			out = append(out, extRef{s.Loc(&exts[k]), &exts[k], svcType})
		}
	}
	add(s.List.Scheme.Extensions, "")
	for i := range s.List.Providers {
		t := &s.List.Providers[i]
		add(t.Extensions, "")
		for j := range t.Services {
			sv := &t.Services[j]
			add(sv.Extensions, sv.Type)
			for h := range sv.History {
				add(sv.History[h].Extensions, sv.History[h].Type)
			}
		}
	}
	return out
}

// uriKind tells which vocabulary, if any, a URI field takes its values from.
type uriKind int

const (
	uriFree        uriKind = iota // any URI
	uriServiceType                // 5.5.1
	uriStatus                     // 5.5.4
	uriInfo                       // 5.5.9.4 additionalServiceInformation
	uriQualifier                  // 5.5.9.2.3
	uriTSLType                    // 5.3.3
	uriStatusDetn                 // 5.3.8
	uriSchemeRules                // 5.3.9
)

// A uriRef is one URI value of the sources and where it is.
type uriRef struct {
	at   source.Loc
	v    string
	kind uriKind
}

// newCache derives what several rules share from the sources, on both
// cores: the services, their certificates and their URIs on one; the
// multilingual fields and the other URIs on the other (one after the
// other, they were most of a check's time on one core).
func newCache(s *source.Set) *cache {
	c := &cache{}
	var svcURIs []uriRef
	var wg sync.WaitGroup
	wg.Go(func() {
		c.svcs = services(s)
		svcURIs = serviceURIs(s, c.svcs)
	})
	c.langs = langFields(s)
	head, exts := otherURIs(s, c.langs)
	wg.Wait()
	c.uris = slices.Concat(head, svcURIs, exts)
	return c
}

// otherURIs lists the URI values of the sources that are not a
// service's: those of multilingual fields and of the scheme (head), and
// those of extensions (exts), which follow the services' in a Pass.
func otherURIs(s *source.Set, langs []langField) (head, exts []uriRef) {
	add := func(out *[]uriRef, at source.Loc, v string, kind uriKind) {
		*out = append(*out, uriRef{at, v, kind})
	}
	for _, lf := range langs {
		if !lf.uri {
			continue
		}
		for k := range lf.m {
			add(&head, s.Loc(&lf.m[k]), lf.m[k].Value, lf.kind)
		}
	}
	sch := &s.List.Scheme
	sc := s.Loc(sch)
	add(&head, sc.Key("type"), sch.Type, uriTSLType)
	add(&head, sc.Key("status_determination_approach"), sch.StatusDeterminationApproach, uriStatusDetn)
	for i := range sch.DistributionPoints {
		add(&head, s.Loc(&sch.DistributionPoints[i]), sch.DistributionPoints[i], uriFree)
	}
	for i := range sch.Pointers {
		ptr := &sch.Pointers[i]
		add(&head, s.Loc(ptr).Key("location"), ptr.Location, uriFree)
		for k := range ptr.AdditionalInformation {
			info := &ptr.AdditionalInformation[k]
			if o := info.Other; o != nil && o.TSLType != "" {
				add(&head, s.Loc(info).Key("tsl_type"), o.TSLType, uriTSLType)
			}
		}
	}
	for _, e := range extensions(s) {
		if a := e.ext.AdditionalServiceInformation; a != nil {
			add(&exts, s.Loc(&a.URI), a.URI.Value, uriInfo)
		}
		if tob := e.ext.TakenOverBy; tob != nil {
			add(&exts, s.Loc(&tob.URI), tob.URI.Value, uriFree)
		}
		for q := range e.ext.Qualifications {
			qe := &e.ext.Qualifications[q]
			for k := range qe.Qualifiers {
				add(&exts, s.Loc(&qe.Qualifiers[k]), qe.Qualifiers[k], uriQualifier)
			}
		}
	}
	return head, exts
}

// serviceURIs lists the URI values of the services: type, status, and
// those of the history and supply points.
func serviceURIs(s *source.Set, svcs []svcRef) []uriRef {
	out := make([]uriRef, 0, 2*len(svcs))
	add := func(at source.Loc, v string, kind uriKind) {
		out = append(out, uriRef{at, v, kind})
	}
	for _, r := range svcs {
		add(r.at.Key("type"), r.svc.Type, uriServiceType)
		add(r.statusAt(-1).Key("status"), r.svc.Status, uriStatus)
		for h, hi := range r.svc.History {
			if hl := r.statusAt(h); hl.Has("type") {
				add(hl.Key("type"), hi.Type, uriServiceType)
			}
			add(r.statusAt(h).Key("status"), hi.Status, uriStatus)
		}
		for k := range r.svc.SupplyPoints {
			sp := &r.svc.SupplyPoints[k]
			add(s.Loc(sp).Key("uri"), sp.URI, uriFree)
			if sp.Type != "" {
				add(s.Loc(sp).Key("type"), sp.Type, uriServiceType)
			}
		}
	}
	return out
}
