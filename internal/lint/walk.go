package lint

import (
	"crypto/x509"
	"fmt"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/source"
)

// This file walks the model and names each part by its file and YAML path,
// so that every rule reports at the line a person wrote.

// A svcRef locates one service in the sources.
type svcRef struct {
	f     *source.File
	path  string // YAML path of the service, e.g. services[2]
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

// statusPath returns the YAML path of the status entry of history instance
// i, or of the current status for i < 0. The YAML lists statuses oldest
// first, the model's history is newest first (clause 5.5.10).
func (r svcRef) statusPath(i int) string {
	n := len(r.svc.History)
	k := n
	if i >= 0 {
		k = n - 1 - i
	}
	return fmt.Sprintf("%s.status[%d]", r.path, k)
}

// identityPath returns the YAML path of DigitalId k of the identity: the
// item itself in the explicit form, the identity in the short form.
func (r svcRef) identityPath(k int) string {
	return deepest(r.f, r.path+".identity", fmt.Sprintf("%s.identity[%d]", r.path, k))
}

func services(s *source.Set) []svcRef {
	var out []svcRef
	for i := range s.List.Providers {
		t := &s.List.Providers[i]
		for j := range t.Services {
			svc := &t.Services[j]
			r := svcRef{f: s.TSP(i), path: fmt.Sprintf("services[%d]", j), tsp: t, svc: svc}
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

// deepest returns child when that path exists in f, else parent: a
// finding points at the most precise node the sources have.
func deepest(f *source.File, parent, child string) string {
	if f.Pos(child) != f.Pos(parent) {
		return child
	}
	return parent
}

// has reports whether the YAML path exists in f.
func has(f *source.File, path string) bool { return f.Pos(path) != f.Pos("") }

// langPath returns the YAML path of value k (language lang) of the
// multilingual field at path: field.lang in the mapping form, field[k].lang
// in the sequence form.
func langPath(f *source.File, field string, k int, lang string) string {
	if seq := fmt.Sprintf("%s[%d]", field, k); f.Pos(seq) != f.Pos(field) {
		return seq + "." + lang
	}
	return deepest(f, field, field+"."+lang)
}

// postalPath returns the YAML path of postal address k (language lang):
// field.lang in the mapping form, field[k] in the sequence form.
func postalPath(f *source.File, field string, k int, lang string) string {
	if seq := fmt.Sprintf("%s[%d]", field, k); f.Pos(seq) != f.Pos(field) {
		return seq
	}
	return deepest(f, field, field+"."+lang)
}

// A langField is one multilingual field and where it is.
type langField struct {
	f    *source.File
	path string
	m    model.MultiLang
	uri  bool    // the values are URIs
	kind uriKind // their vocabulary, when they are
}

// langFields lists every multilingual field of the sources that is present.
func langFields(s *source.Set) []langField {
	var out []langField
	text := func(f *source.File, path string, m model.MultiLang) {
		if m != nil {
			out = append(out, langField{f: f, path: path, m: m})
		}
	}
	uri := func(f *source.File, path string, m model.MultiLang, kind uriKind) {
		if m != nil {
			out = append(out, langField{f: f, path: path, m: m, uri: true, kind: kind})
		}
	}
	sc := s.Scheme()
	sch := &s.List.Scheme
	text(sc, "name", sch.Name)
	text(sc, "operator.name", sch.OperatorName)
	uri(sc, "operator.address.electronic", sch.OperatorAddress.Electronic, uriFree)
	uri(sc, "information_uri", sch.InformationURI, uriFree)
	uri(sc, "community_rules", sch.CommunityRules, uriSchemeRules)
	if p := sch.PolicyOrLegalNotice; p != nil {
		uri(sc, "policy.policies", p.Policies, uriFree)
		text(sc, "policy.legal_notices", p.LegalNotices)
	}
	for i, ptr := range sch.Pointers {
		for k, info := range ptr.AdditionalInformation {
			if o := info.Other; o != nil {
				base := fmt.Sprintf("pointers[%d].additional_information[%d]", i, k)
				text(sc, base+".scheme_operator_name", o.SchemeOperatorName)
				uri(sc, base+".scheme_type_community_rules", o.SchemeTypeCommunityRules, uriSchemeRules)
			}
		}
	}
	for i := range s.List.Providers {
		t := &s.List.Providers[i]
		f := s.TSP(i)
		text(f, "name", t.Name)
		text(f, "trade_name", t.TradeName)
		uri(f, "address.electronic", t.Address.Electronic, uriFree)
		uri(f, "information_uri", t.InformationURI, uriFree)
		for j := range t.Services {
			sv := &t.Services[j]
			p := fmt.Sprintf("services[%d]", j)
			text(f, p+".name", sv.Name)
			uri(f, p+".scheme_service_definition_uri", sv.SchemeServiceDefinitionURI, uriFree)
			uri(f, p+".tsp_service_definition_uri", sv.TSPServiceDefinitionURI, uriFree)
			for h := range sv.History {
				// A history name is the service's unless the entry overrides it.
				if hp := fmt.Sprintf("%s.status[%d].name", p, len(sv.History)-1-h); has(f, hp) {
					text(f, hp, sv.History[h].Name)
				}
			}
		}
	}
	for _, e := range extensions(s) {
		if tob := e.ext.TakenOverBy; tob != nil {
			text(e.f, e.path+".taken_over_by.tsp_name", tob.TSPName)
			text(e.f, e.path+".taken_over_by.scheme_operator_name", tob.SchemeOperatorName)
		}
	}
	return out
}

// A postalRef is one postal address and where it is.
type postalRef struct {
	f    *source.File
	path string // the address's postal field
	all  []model.PostalAddress
}

func postals(s *source.Set) []postalRef {
	out := []postalRef{{s.Scheme(), "operator.address.postal", s.List.Scheme.OperatorAddress.Postal}}
	for i := range s.List.Providers {
		out = append(out, postalRef{s.TSP(i), "address.postal", s.List.Providers[i].Address.Postal})
	}
	return out
}

// An extRef locates one extension.
type extRef struct {
	f    *source.File
	path string
	ext  *model.Extension
	// svcType is the type of the service (or history instance) the
	// extension belongs to; "" for scheme and TSP extensions.
	svcType string
}

func extensions(s *source.Set) []extRef {
	var out []extRef
	for k := range s.List.Scheme.Extensions {
		out = append(out, extRef{s.Scheme(), fmt.Sprintf("extensions[%d]", k), &s.List.Scheme.Extensions[k], ""})
	}
	for i := range s.List.Providers {
		t := &s.List.Providers[i]
		f := s.TSP(i)
		for k := range t.Extensions {
			out = append(out, extRef{f, fmt.Sprintf("extensions[%d]", k), &t.Extensions[k], ""})
		}
		for j := range t.Services {
			sv := &t.Services[j]
			for k := range sv.Extensions {
				out = append(out, extRef{f, fmt.Sprintf("services[%d].extensions[%d]", j, k), &sv.Extensions[k], sv.Type})
			}
			for h := range sv.History {
				hi := &sv.History[h]
				for k := range hi.Extensions {
					out = append(out, extRef{f, fmt.Sprintf("services[%d].status[%d].extensions[%d]", j, len(sv.History)-1-h, k), &hi.Extensions[k], hi.Type})
				}
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
	f *source.File
	// path is computed only for a finding: finding a YAML position costs
	// more than checking the value.
	path func() string
	v    string
	kind uriKind
}

// uris lists every URI value of the sources.
func uris(s *source.Set, svcs []svcRef, langs []langField) []uriRef {
	var out []uriRef
	add := func(f *source.File, path, v string, kind uriKind) {
		out = append(out, uriRef{f, func() string { return path }, v, kind})
	}
	for _, lf := range langs {
		if !lf.uri {
			continue
		}
		for k, v := range lf.m {
			out = append(out, uriRef{lf.f, func() string { return langPath(lf.f, lf.path, k, v.Lang) }, v.Value, lf.kind})
		}
	}
	sc := s.Scheme()
	sch := &s.List.Scheme
	add(sc, "type", sch.Type, uriTSLType)
	add(sc, "status_determination_approach", sch.StatusDeterminationApproach, uriStatusDetn)
	for i, u := range sch.DistributionPoints {
		add(sc, fmt.Sprintf("distribution_points[%d]", i), u, uriFree)
	}
	for i, ptr := range sch.Pointers {
		add(sc, fmt.Sprintf("pointers[%d].location", i), ptr.Location, uriFree)
		for k, info := range ptr.AdditionalInformation {
			if o := info.Other; o != nil && o.TSLType != "" {
				add(sc, fmt.Sprintf("pointers[%d].additional_information[%d].tsl_type", i, k), o.TSLType, uriTSLType)
			}
		}
	}
	for _, r := range svcs {
		add(r.f, r.path+".type", r.svc.Type, uriServiceType)
		add(r.f, r.statusPath(-1)+".status", r.svc.Status, uriStatus)
		for h, hi := range r.svc.History {
			if tp := r.statusPath(h) + ".type"; has(r.f, tp) {
				add(r.f, tp, hi.Type, uriServiceType)
			}
			add(r.f, r.statusPath(h)+".status", hi.Status, uriStatus)
		}
		for k, sp := range r.svc.SupplyPoints {
			add(r.f, fmt.Sprintf("%s.supply_points[%d].uri", r.path, k), sp.URI, uriFree)
			if sp.Type != "" {
				add(r.f, fmt.Sprintf("%s.supply_points[%d].type", r.path, k), sp.Type, uriServiceType)
			}
		}
	}
	for _, e := range extensions(s) {
		if a := e.ext.AdditionalServiceInformation; a != nil {
			add(e.f, e.path+".additional_service_information.uri."+a.URI.Lang, a.URI.Value, uriInfo)
		}
		if tob := e.ext.TakenOverBy; tob != nil {
			add(e.f, e.path+".taken_over_by.uri."+tob.URI.Lang, tob.URI.Value, uriFree)
		}
		for q, qe := range e.ext.Qualifications {
			for k, u := range qe.Qualifiers {
				add(e.f, fmt.Sprintf("%s.qualifications[%d].qualifiers[%d]", e.path, q, k), u, uriQualifier)
			}
		}
	}
	return out
}
