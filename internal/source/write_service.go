package source

import (
	"crypto/x509"
	"fmt"
	"reflect"

	"gopkg.in/yaml.v3"

	"github.com/jtsl/jtsl/internal/model"
)

func (w *writer) tsp(t *model.TSP) *yaml.Node {
	kv := []any{"name", multi(t.Name), "trade_name", multi(t.TradeName), "address", w.address(t.Address),
		"information_uri", multi(t.InformationURI)}
	if t.Extensions != nil {
		kv = append(kv, "extensions", w.extensions(t.Extensions))
	}
	svcs := seq()
	ids := map[string]int{}
	for i := range t.Services {
		s := &t.Services[i]
		id := unique(ids, slug(s.Name.English(), "service"))
		svcs.Content = append(svcs.Content, w.service(s, id))
	}
	return mapping(append(kv, "services", svcs)...)
}

func (w *writer) service(s *model.Service, id string) *yaml.Node {
	hint := w.prefix + "-" + id
	kv := []any{"id", id, "type", s.Type, "name", multi(s.Name), "identity", w.identity(s.Identity, hint)}
	// The default history identity, as Load derives it.
	var first *x509.Certificate
	for _, d := range s.Identity {
		if d.Certificate != nil {
			if c, err := x509.ParseCertificate(d.Certificate); err == nil {
				first = c
				break
			}
		}
	}
	def := historyIdentity(s.Identity, first)
	st := seq()
	for i := len(s.History) - 1; i >= 0; i-- {
		h := &s.History[i]
		e := []any{"status", h.Status, "from", timeNode(h.StatusStartingTime)}
		if h.Type != s.Type {
			e = append(e, "type", h.Type)
		}
		if !reflect.DeepEqual(h.Name, s.Name) {
			e = append(e, "name", multi(h.Name))
		}
		if !reflect.DeepEqual(h.Identity, def) {
			e = append(e, "identity", w.identity(h.Identity, fmt.Sprintf("%s-h%d", hint, i+1)))
		}
		if h.Extensions != nil {
			e = append(e, "extensions", w.extensions(h.Extensions))
		}
		st.Content = append(st.Content, mapping(e...))
	}
	st.Content = append(st.Content, mapping("status", s.Status, "from", timeNode(s.StatusStartingTime)))
	kv = append(kv, "status", st)
	if s.HistoryPresent && len(s.History) == 0 {
		kv = append(kv, "history_present", true)
	}
	if s.SchemeServiceDefinitionURI != nil {
		kv = append(kv, "scheme_service_definition_uri", multi(s.SchemeServiceDefinitionURI))
	}
	if s.SupplyPoints != nil {
		sp := seq()
		for _, p := range s.SupplyPoints {
			if p.Type != "" {
				sp.Content = append(sp.Content, mapping("uri", p.URI, "type", p.Type))
			} else {
				sp.Content = append(sp.Content, mapping("uri", p.URI))
			}
		}
		kv = append(kv, "supply_points", sp)
	}
	if s.TSPServiceDefinitionURI != nil {
		kv = append(kv, "tsp_service_definition_uri", multi(s.TSPServiceDefinitionURI))
	}
	if s.Extensions != nil {
		kv = append(kv, "extensions", w.extensions(s.Extensions))
	}
	return mapping(kv...)
}

func (w *writer) extensions(exts []model.Extension) *yaml.Node {
	n := seq()
	for _, x := range exts {
		kv := []any{"critical", x.Critical}
		switch {
		case x.AdditionalServiceInformation != nil:
			a := x.AdditionalServiceInformation
			akv := []any{"uri", mapping(a.URI.Lang, a.URI.Value)}
			if a.InformationValue != "" {
				akv = append(akv, "information_value", a.InformationValue)
			}
			if a.OtherPresent {
				akv = append(akv, "other_information", a.OtherInformation)
			}
			kv = append(kv, "additional_service_information", mapping(akv...))
		case x.Qualifications != nil:
			qs := seq()
			for _, q := range x.Qualifications {
				qn := seq()
				for _, u := range q.Qualifiers {
					qn.Content = append(qn.Content, str2(u))
				}
				qs.Content = append(qs.Content, mapping("qualifiers", qn, "criteria", criteriaNode(q.Criteria)))
			}
			kv = append(kv, "qualifications", qs)
		case x.TakenOverBy != nil:
			t := x.TakenOverBy
			tkv := []any{"uri", mapping(t.URI.Lang, t.URI.Value), "tsp_name", multi(t.TSPName),
				"scheme_operator_name", multi(t.SchemeOperatorName), "scheme_territory", t.SchemeTerritory}
			if t.OtherQualifiers != nil {
				oq := seq()
				for _, q := range t.OtherQualifiers {
					oq.Content = append(oq.Content, str2(q))
				}
				tkv = append(tkv, "other_qualifiers", oq)
			}
			kv = append(kv, "taken_over_by", mapping(tkv...))
		case x.ExpiredCertsRevocationInfo != nil:
			kv = append(kv, "expired_certs_revocation_info", timeNode(*x.ExpiredCertsRevocationInfo))
		default:
			kv = append(kv, "xml", x.XML)
		}
		n.Content = append(n.Content, mapping(kv...))
	}
	return n
}
