package source

import (
	"crypto/x509"
	"fmt"
	"strconv"

	"gopkg.in/yaml.v3"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/mra"
)

// A Mapping is mra.yaml: the equivalences between the scheme's trust
// services and the EU's, as MRA blocks (package mra).
type Mapping struct {
	// ByEU is the block of the EC's AdES LOTL pointer to the list: Japan
	// is the pointed party. Nil when mra.yaml does not give it.
	ByEU *mra.Agreement
	// ByJapan is the block of the list's own pointer to the EU list at
	// Pointer: Japan is the pointing party. Nil when not given.
	ByJapan *mra.Agreement
	Pointer string
	// NextSigners are the list signers announced beside the current one
	// (recognition_by_eu.next_signers): the EC's pointer accepts them too,
	// so that a new signing key needs no new pointer first.
	NextSigners []*x509.Certificate
}

// Defaults of the block's attributes, which EU DSS stores and never uses.
const defaultAttr = 1

// mapping builds mra.yaml.
func (b *builder) mapping() *Mapping {
	n := b.f.root
	m := &Mapping{}
	if a := get(n, "recognition_by_eu"); a != nil {
		if get(a, "pointer") != nil {
			b.errf("recognition_by_eu.pointer", "schema", "pointer is for recognition_by_japan only: the EC writes its own pointer to the list (out/mra/JP-pointer.xml)")
		}
		m.ByEU = b.agreement(a, "recognition_by_eu", true)
		for i, c := range items(get(a, "next_signers")) {
			if x := b.certificate(str(get(c, "certificate")), fmt.Sprintf("recognition_by_eu.next_signers[%d].certificate", i)); x != nil {
				m.NextSigners = append(m.NextSigners, x)
			}
		}
	}
	if a := get(n, "recognition_by_japan"); a != nil {
		m.ByJapan = b.agreement(a, "recognition_by_japan", false)
		m.Pointer = str(get(a, "pointer"))
		b.at(&m.Pointer, get(a, "pointer"))
	}
	b.at(m, n)
	return m
}

// sides orders a pair written as japan and eu into pointing and pointed:
// Japan is pointed when the EU recognises it.
type sides struct{ japanPointed bool }

func (s sides) split(n *yaml.Node) (pointing, pointed *yaml.Node) {
	if s.japanPointed {
		return get(n, "eu"), get(n, "japan")
	}
	return get(n, "japan"), get(n, "eu")
}

func (b *builder) agreement(n *yaml.Node, p string, japanPointed bool) *mra.Agreement {
	attr := func(key string) int {
		if v := get(n, key); v != nil {
			i, _ := strconv.Atoi(v.Value)
			return i
		}
		return defaultAttr
	}
	a := &mra.Agreement{TechnicalType: attr("technical_type"), Version: attr("version"), MRADepth: attr("mra_depth")}
	if japanPointed {
		a.PointingLegislation, a.PointedLegislation = str(get(n, "eu_legislation")), str(get(n, "japan_legislation"))
	} else {
		a.PointingLegislation, a.PointedLegislation = str(get(n, "japan_legislation")), str(get(n, "eu_legislation"))
	}
	s := sides{japanPointed}
	eqs := items(get(n, "equivalences"))
	a.Equivalences = make([]mra.Equivalence, len(eqs))
	for i, en := range eqs {
		ep := fmt.Sprintf("%s.equivalences[%d]", p, i)
		eq := &a.Equivalences[i]
		eq.LegalIdentifier = str(get(en, "legal_identifier"))
		b.terms(&eq.Terms, nil, en, ep, s)
		if hs := items(get(en, "history")); len(hs) > 0 {
			h := mra.History{Instances: make([]mra.Terms, len(hs))}
			newer := &eq.Terms
			for j, hn := range hs {
				b.terms(&h.Instances[j], newer, hn, fmt.Sprintf("%s.history[%d]", ep, j), s)
				newer = &h.Instances[j]
			}
			eq.History = []mra.History{h}
			for j := range eq.History[0].Instances {
				b.at(&eq.History[0].Instances[j], hs[j])
			}
		}
		b.at(eq, en)
		b.at(&eq.Terms, en)
	}
	b.at(a, n)
	return a
}

// terms builds one version of an equivalence into t; a history instance
// takes what it does not give from newer, the version after it.
func (b *builder) terms(t *mra.Terms, newer *mra.Terms, n *yaml.Node, p string, s sides) {
	t.Status = mra.StatusEnacted
	if str(get(n, "status")) == "repealed" {
		t.Status = mra.StatusRepealed
	}
	t.StatusStartingTime = b.dateTime(get(n, "from"), p+".from")
	if newer != nil {
		t.Types, t.Statuses, t.CertificateContent, t.Qualifiers = newer.Types, newer.Statuses, newer.CertificateContent, newer.Qualifiers
	}
	if tn := get(n, "types"); tn != nil {
		pointing, pointed := s.split(tn)
		t.Types = mra.TypeEquivalence{Pointing: b.serviceTypes(pointing), Pointed: b.serviceTypes(pointed)}
	}
	if sn := get(n, "statuses"); sn != nil {
		t.Statuses = mra.StatusEquivalence{Valid: b.statusPair(get(sn, "valid"), s), Invalid: b.statusPair(get(sn, "invalid"), s)}
	}
	if cs := items(get(n, "certificate_content")); len(cs) > 0 {
		t.CertificateContent = make([]mra.ContentEquivalence, len(cs))
		for i, cn := range cs {
			cp := fmt.Sprintf("%s.certificate_content[%d]", p, i)
			pointing, pointed := s.split(cn)
			pk, dk := "eu", "japan"
			if !s.japanPointed {
				pk, dk = dk, pk
			}
			t.CertificateContent[i] = mra.ContentEquivalence{
				Context:  mra.ContextPrefix + str(get(cn, "context")),
				Pointing: b.criteria(pointing, cp+"."+pk),
				Pointed:  b.criteria(pointed, cp+"."+dk),
			}
			b.at(&t.CertificateContent[i], cn)
		}
	}
	if qn := get(n, "qualifiers"); qn != nil {
		q := &mra.QualifierEquivalence{NamePointing: "Sie:Q", NamePointed: "Sie:Q"}
		if nm := get(qn, "name"); nm != nil {
			pointing, pointed := s.split(nm)
			q.NamePointing, q.NamePointed = str(pointing), str(pointed)
		}
		ps := items(get(qn, "pairs"))
		pairs := make([]mra.QualifierPair, len(ps))
		for i, pn := range ps {
			pointing, pointed := s.split(pn)
			pairs[i] = mra.QualifierPair{Pointing: str(pointing), Pointed: str(pointed)}
			b.at(&pairs[i], pn)
		}
		q.Lists = [][]mra.QualifierPair{pairs}
		t.Qualifiers = q
	}
	b.at(t, n)
}

func (b *builder) serviceTypes(n *yaml.Node) []mra.ServiceType {
	its := items(n)
	out := make([]mra.ServiceType, len(its))
	for i, it := range its {
		out[i].Type = str(get(it, "type"))
		if a := get(it, "additional_information"); a != nil {
			out[i].ASI = &model.AdditionalServiceInformation{URI: model.LangString{Lang: "en", Value: a.Value}}
		}
		b.at(&out[i], it)
	}
	return out
}

func (b *builder) statusPair(n *yaml.Node, s sides) mra.StatusPair {
	pointing, pointed := s.split(n)
	return mra.StatusPair{Pointing: b.uriList(pointing), Pointed: b.uriList(pointed)}
}

// uriList reads a sequence of URIs, recording where each is written.
func (b *builder) uriList(n *yaml.Node) []string {
	its := items(n)
	out := make([]string, len(its))
	for i, it := range its {
		out[i] = it.Value
		b.at(&out[i], it)
	}
	return out
}
