package source

import (
	"fmt"

	"gopkg.in/yaml.v3"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/tsl"
)

// xml normalises verbatim XML so that it survives encode + decode as is.
func (b *builder) xml(n *yaml.Node, p string) string {
	s, err := tsl.NormalizeXML(str(n))
	if err != nil {
		b.errf(p, "xml", "verbatim XML: %v", err)
	}
	return s
}

// langURI reads key of mapping n, {lang: uri}, one pair, into *into and
// records where it is written (n itself when it is missing).
func (b *builder) langURI(n *yaml.Node, key string, into *model.LangString) {
	b.at(into, n)
	for _, kv := range pairs(get(n, key)) {
		*into = model.LangString{Lang: kv[0].Value, Value: kv[1].Value}
		b.at(into, kv[1])
		return
	}
}

// extensions builds Extension values (clauses 5.3.17, 5.4.5, 5.5.9).
func (b *builder) extensions(n *yaml.Node, p string) []model.Extension {
	if n == nil {
		return nil
	}
	out := []model.Extension{}
	its := items(n)
	for i, it := range its {
		ip := fmt.Sprintf("%s[%d]", p, i)
		x := model.Extension{Critical: str(get(it, "critical")) == "true"}
		switch {
		case get(it, "additional_service_information") != nil:
			a := get(it, "additional_service_information")
			x.AdditionalServiceInformation = &model.AdditionalServiceInformation{InformationValue: str(get(a, "information_value"))}
			b.langURI(a, "uri", &x.AdditionalServiceInformation.URI)
			if hasKey(a, "other_information") {
				x.AdditionalServiceInformation.OtherInformation = b.xml(get(a, "other_information"), ip+".additional_service_information.other_information")
				x.AdditionalServiceInformation.OtherPresent = true
			}
		case get(it, "qualifications") != nil:
			x.Qualifications = []model.QualificationElement{}
			for j, q := range items(get(it, "qualifications")) {
				var qe model.QualificationElement
				us := items(get(q, "qualifiers"))
				for _, u := range us {
					qe.Qualifiers = append(qe.Qualifiers, u.Value)
				}
				for k := range qe.Qualifiers {
					b.at(&qe.Qualifiers[k], us[k])
				}
				qe.Criteria = b.criteria(get(q, "criteria"), fmt.Sprintf("%s.qualifications[%d].criteria", ip, j))
				x.Qualifications = append(x.Qualifications, qe)
			}
		case get(it, "taken_over_by") != nil:
			t := get(it, "taken_over_by")
			x.TakenOverBy = &model.TakenOverBy{
				TSPName:            b.multiLang(get(t, "tsp_name")),
				SchemeOperatorName: b.multiLang(get(t, "scheme_operator_name")), SchemeTerritory: str(get(t, "scheme_territory")),
			}
			b.langURI(t, "uri", &x.TakenOverBy.URI)
			for j, q := range items(get(t, "other_qualifiers")) {
				x.TakenOverBy.OtherQualifiers = append(x.TakenOverBy.OtherQualifiers, b.xml(q, fmt.Sprintf("%s.taken_over_by.other_qualifiers[%d]", ip, j)))
			}
		case get(it, "expired_certs_revocation_info") != nil:
			t := b.dateTime(get(it, "expired_certs_revocation_info"), ip+".expired_certs_revocation_info")
			x.ExpiredCertsRevocationInfo = &t
		default:
			x.XML = b.xml(get(it, "xml"), ip+".xml")
		}
		out = append(out, x)
	}
	for k := range out {
		b.at(&out[k], its[k])
	}
	return out
}

func (b *builder) criteria(n *yaml.Node, p string) model.CriteriaList {
	cl := model.CriteriaList{Assert: str(get(n, "assert")), Description: str(get(n, "description"))}
	for _, ku := range items(get(n, "key_usage")) {
		bits := model.KeyUsage{}
		for _, bit := range items(ku) {
			bits = append(bits, model.KeyUsageBit{Name: str(get(bit, "name")), Value: str(get(bit, "value")) == "true"})
		}
		cl.KeyUsage = append(cl.KeyUsage, bits)
	}
	for _, ps := range items(get(n, "policy_sets")) {
		set := []model.ObjectIdentifier{}
		for _, id := range items(ps) {
			set = append(set, objectIdentifier(id))
		}
		cl.PolicySets = append(cl.PolicySets, set)
	}
	for i, c := range items(get(n, "criteria")) {
		cl.CriteriaList = append(cl.CriteriaList, b.criteria(c, fmt.Sprintf("%s.criteria[%d]", p, i)))
	}
	if o := get(n, "other"); o != nil {
		cl.Other = &model.OtherCriteria{Items: []model.OtherCriterion{}}
		for i, it := range items(o) {
			var oc model.OtherCriterion
			switch {
			case get(it, "extended_key_usage") != nil:
				for _, id := range items(get(it, "extended_key_usage")) {
					oc.ExtendedKeyUsage = append(oc.ExtendedKeyUsage, objectIdentifier(id))
				}
			case get(it, "cert_subject_dn_attribute") != nil:
				for _, id := range items(get(it, "cert_subject_dn_attribute")) {
					oc.CertSubjectDNAttribute = append(oc.CertSubjectDNAttribute, objectIdentifier(id))
				}
			case get(it, "qc_statements") != nil:
				oc.QcStatementSet = []model.QcStatement{}
				for _, q := range items(get(it, "qc_statements")) {
					st := model.QcStatement{ID: objectIdentifier(get(q, "id"))}
					if t := get(q, "qc_type"); t != nil {
						id := objectIdentifier(t)
						st.QcType = &id
					}
					if l := get(q, "legislation"); l != nil {
						cc := l.Value
						st.QcCClegislation = &cc
					}
					oc.QcStatementSet = append(oc.QcStatementSet, st)
				}
			default:
				oc.XML = b.xml(get(it, "xml"), fmt.Sprintf("%s.other[%d].xml", p, i))
			}
			cl.Other.Items = append(cl.Other.Items, oc)
		}
	}
	return cl
}

func objectIdentifier(n *yaml.Node) model.ObjectIdentifier {
	id := model.ObjectIdentifier{Identifier: str(get(n, "identifier")), Qualifier: str(get(n, "qualifier")), Description: str(get(n, "description"))}
	if d := get(n, "documentation_references"); d != nil {
		id.DocumentationReferences = []string{}
		for _, r := range items(d) {
			id.DocumentationReferences = append(id.DocumentationReferences, r.Value)
		}
	}
	return id
}
