package lint

import (
	"crypto/x509"
	"fmt"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/source"
)

// A svcRef locates one service (or history instance) in the sources.
type svcRef struct {
	f       *source.File
	path    string // YAML path of the service, e.g. services[2]
	tsp     *model.TSP
	svc     *model.Service
	cert    *x509.Certificate // first certificate of the identity, if any
	tspName string
}

func services(s *source.Set) []svcRef {
	var out []svcRef
	for i := range s.List.Providers {
		t := &s.List.Providers[i]
		for j := range t.Services {
			svc := &t.Services[j]
			r := svcRef{f: s.TSP(i), path: fmt.Sprintf("services[%d]", j), tsp: t, svc: svc, tspName: t.Name.Get("en")}
			r.cert = firstCert(svc.Identity)
			out = append(out, r)
		}
	}
	return out
}

func firstCert(id model.DigitalIdentity) *x509.Certificate {
	for _, d := range id {
		if d.Certificate != nil {
			if c, err := x509.ParseCertificate(d.Certificate); err == nil {
				return c
			}
		}
	}
	return nil
}

// A langField is one multilingual field and where it is.
type langField struct {
	f    *source.File
	path string
	m    model.MultiLang
}

// langFields lists every multilingual field of the sources.
func langFields(s *source.Set) []langField {
	sc := s.Scheme()
	sch := &s.List.Scheme
	out := []langField{
		{sc, "name", sch.Name}, {sc, "operator.name", sch.OperatorName},
		{sc, "operator.address.electronic", sch.OperatorAddress.Electronic},
		{sc, "information_uri", sch.InformationURI}, {sc, "community_rules", sch.CommunityRules},
	}
	if p := sch.PolicyOrLegalNotice; p != nil {
		if p.Policies != nil {
			out = append(out, langField{sc, "policy.policies", p.Policies})
		} else {
			out = append(out, langField{sc, "policy.legal_notices", p.LegalNotices})
		}
	}
	for i := range s.List.Providers {
		t := &s.List.Providers[i]
		f := s.TSP(i)
		out = append(out, langField{f, "name", t.Name}, langField{f, "trade_name", t.TradeName},
			langField{f, "address.electronic", t.Address.Electronic}, langField{f, "information_uri", t.InformationURI})
		for j := range t.Services {
			sv := &t.Services[j]
			p := fmt.Sprintf("services[%d]", j)
			out = append(out, langField{f, p + ".name", sv.Name})
			if sv.SchemeServiceDefinitionURI != nil {
				out = append(out, langField{f, p + ".scheme_service_definition_uri", sv.SchemeServiceDefinitionURI})
			}
			if sv.TSPServiceDefinitionURI != nil {
				out = append(out, langField{f, p + ".tsp_service_definition_uri", sv.TSPServiceDefinitionURI})
			}
		}
	}
	return out
}

// extRef locates one extension.
type extRef struct {
	f    *source.File
	path string
	ext  *model.Extension
	svc  *model.Service // nil for scheme and TSP extensions
}

func extensions(s *source.Set) []extRef {
	var out []extRef
	for k := range s.List.Scheme.Extensions {
		out = append(out, extRef{s.Scheme(), fmt.Sprintf("extensions[%d]", k), &s.List.Scheme.Extensions[k], nil})
	}
	for i := range s.List.Providers {
		t := &s.List.Providers[i]
		for k := range t.Extensions {
			out = append(out, extRef{s.TSP(i), fmt.Sprintf("extensions[%d]", k), &t.Extensions[k], nil})
		}
		for j := range t.Services {
			sv := &t.Services[j]
			for k := range sv.Extensions {
				out = append(out, extRef{s.TSP(i), fmt.Sprintf("services[%d].extensions[%d]", j, k), &sv.Extensions[k], sv})
			}
		}
	}
	return out
}
