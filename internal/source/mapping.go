package source

import (
	"crypto/x509"
	"fmt"
	"strconv"
	"strings"
	"time"

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
	// Parties names the two parties in mra.yaml's keys: Japan and the EU
	// for the J-TSL, a foreign list's own (parties:) when imported.
	Parties Parties
}

// Parties are the names of a mapping's parties as its keys spell them:
// List, the party whose list the sources are (japan), and Other, the
// party its pointer points at (eu).
type Parties struct{ List, Other string }

// JapanEU are the J-TSL's parties, the default.
var JapanEU = Parties{List: "japan", Other: "eu"}

// ByOther and ByList are the keys of the two blocks: recognition_by_eu
// (ByEU) and recognition_by_japan (ByJapan) for the J-TSL.
func (p Parties) ByOther() string { return "recognition_by_" + p.Other }
func (p Parties) ByList() string  { return "recognition_by_" + p.List }

// Defaults of the block's attributes, which EU DSS stores and never uses.
const defaultAttr = 1

// mapping builds mra.yaml.
func (b *builder) mapping() *Mapping {
	n := b.f.root
	m := &Mapping{Parties: JapanEU}
	if pn := get(n, "parties"); pn != nil {
		m.Parties = Parties{List: str(get(pn, "list")), Other: str(get(pn, "other"))}
		if m.Parties.List == m.Parties.Other {
			b.errf("parties.other", "schema", "the two parties are both named %q: give each its own name", m.Parties.List)
			return m
		}
	}
	byOther, byList := m.Parties.ByOther(), m.Parties.ByList()
	for i := 0; i+1 < len(n.Content); i += 2 {
		// lists_of_trusted_entities is LoadLoTE's (loteMapping).
		if k := n.Content[i]; k.Value != "parties" && k.Value != byOther && k.Value != byList && k.Value != loteMappingKey {
			b.errf(k.Value, "schema", "%s is neither %s nor %s: the parties are %s and %s (parties:)", k.Value, byOther, byList, m.Parties.List, m.Parties.Other)
		}
	}
	if a := get(n, byOther); a != nil {
		if get(a, "pointer") != nil {
			b.errf(byOther+".pointer", "schema", "pointer is for %s only: the other party writes its own pointer to the list (for the J-TSL, the EC: out/mra/JP-pointer.xml)", byList)
		}
		m.ByEU = b.agreement(a, byOther, sides{japanPointed: true, Parties: m.Parties})
		for i, c := range items(get(a, "next_signers")) {
			if x := b.certificate(str(get(c, "certificate")), fmt.Sprintf("%s.next_signers[%d].certificate", byOther, i)); x != nil {
				m.NextSigners = append(m.NextSigners, x)
			}
		}
	}
	if a := get(n, byList); a != nil {
		if get(a, "pointer") == nil {
			b.errf(byList, "schema", "%s needs pointer: the TSLLocation of the scheme.yaml pointer that carries the block", byList)
		}
		m.ByJapan = b.agreement(a, byList, sides{Parties: m.Parties})
		m.Pointer = str(get(a, "pointer"))
		b.at(&m.Pointer, get(a, "pointer"))
	}
	b.at(m, n)
	return m
}

// sides orders a pair written under the parties' names (japan and eu)
// into pointing and pointed: the list's party (Japan) is pointed when the
// other (the EU) recognises it.
type sides struct {
	japanPointed bool
	Parties
}

// split returns a pair's two values; a key other than the parties' (and
// context, at p) is an error, as is a party missing.
func (b *builder) split(s sides, n *yaml.Node, p string) (pointing, pointed *yaml.Node) {
	if n == nil {
		return nil, nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i].Value; k != s.List && k != s.Other && k != "context" {
			b.errf(p+"."+k, "schema", "%s is not a party: the parties are %s and %s (parties:)", k, s.List, s.Other)
		}
	}
	for _, k := range []string{s.List, s.Other} {
		if get(n, k) == nil {
			b.errf(p, "schema", "%s is missing: give the value of each party, %s and %s", k, s.List, s.Other)
		}
	}
	if s.japanPointed {
		return get(n, s.Other), get(n, s.List)
	}
	return get(n, s.List), get(n, s.Other)
}

func (b *builder) agreement(n *yaml.Node, p string, s sides) *mra.Agreement {
	attr := func(key string) int {
		if v := get(n, key); v != nil {
			i, _ := strconv.Atoi(v.Value)
			return i
		}
		return defaultAttr
	}
	a := &mra.Agreement{TechnicalType: attr("technical_type"), Version: attr("version"), MRADepth: attr("mra_depth")}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i].Value; strings.HasSuffix(k, "_legislation") && k != s.List+"_legislation" && k != s.Other+"_legislation" {
			b.errf(p+"."+k, "schema", "%s is not a party's: the parties are %s and %s (parties:)", k, s.List, s.Other)
		}
	}
	list, other := get(n, s.List+"_legislation"), get(n, s.Other+"_legislation")
	for _, side := range []struct {
		party string
		n     *yaml.Node
	}{{s.List, list}, {s.Other, other}} {
		if side.n == nil {
			b.errf(p, "schema", "%s_legislation is missing: give each party's ContractingPartyLegislation URI", side.party)
		}
	}
	a.PointingLegislation, a.PointedLegislation = str(list), str(other)
	if s.japanPointed {
		a.PointingLegislation, a.PointedLegislation = str(other), str(list)
	}
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
		pointing, pointed := b.split(s, tn, p+".types")
		t.Types = mra.TypeEquivalence{Pointing: b.serviceTypes(pointing), Pointed: b.serviceTypes(pointed)}
	}
	if sn := get(n, "statuses"); sn != nil {
		t.Statuses = mra.StatusEquivalence{Valid: b.statusPair(get(sn, "valid"), s, p+".statuses.valid"), Invalid: b.statusPair(get(sn, "invalid"), s, p+".statuses.invalid")}
	}
	if cs := items(get(n, "certificate_content")); len(cs) > 0 {
		t.CertificateContent = make([]mra.ContentEquivalence, len(cs))
		for i, cn := range cs {
			cp := fmt.Sprintf("%s.certificate_content[%d]", p, i)
			pointing, pointed := b.split(s, cn, cp)
			pk, dk := s.Other, s.List
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
			pointing, pointed := b.split(s, nm, p+".qualifiers.name")
			q.NamePointing, q.NamePointed = str(pointing), str(pointed)
		}
		ps := items(get(qn, "pairs"))
		pairs := make([]mra.QualifierPair, len(ps))
		for i, pn := range ps {
			pointing, pointed := b.split(s, pn, fmt.Sprintf("%s.qualifiers.pairs[%d]", p, i))
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

func (b *builder) statusPair(n *yaml.Node, s sides, p string) mra.StatusPair {
	pointing, pointed := b.split(s, n, p)
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

// loteMappingKey is mra.yaml's section on the lists of trusted entities.
const loteMappingKey = "lists_of_trusted_entities"

// A LoTEMapping is mra.yaml's lists_of_trusted_entities: the EU value
// each term of Japan's lists of trusted entities (lote/vocabulary.yaml)
// corresponds to.
type LoTEMapping struct {
	ListTypes    []LoTEListCorrespondence
	ServiceTypes []Correspondence
}

// A Correspondence is a Japanese URI, the EU's it corresponds to, and
// the status of that correspondence since From.
type Correspondence struct {
	Japan, EU string
	Status    string // mra.StatusEnacted or mra.StatusRepealed
	From      time.Time
}

// Enacted reports whether the correspondence holds.
func (c *Correspondence) Enacted() bool { return c.Status == mra.StatusEnacted }

// A LoTEListCorrespondence is a list type's: with those of the status
// determination approach and the scheme rules of a list of the type,
// which share its status.
type LoTEListCorrespondence struct {
	Correspondence
	StatusDetermination, CommunityRules URIPair
}

// A URIPair is a Japanese URI and the EU's it corresponds to.
type URIPair struct{ Japan, EU string }

// ListType returns the correspondence of Japan's list type u, or nil.
func (m *LoTEMapping) ListType(u string) *LoTEListCorrespondence {
	for i := range m.ListTypes {
		if m.ListTypes[i].Japan == u {
			return &m.ListTypes[i]
		}
	}
	return nil
}

// ServiceType returns the correspondence of Japan's service type u, or nil.
func (m *LoTEMapping) ServiceType(u string) *Correspondence {
	for i := range m.ServiceTypes {
		if m.ServiceTypes[i].Japan == u {
			return &m.ServiceTypes[i]
		}
	}
	return nil
}

// loteMapping builds mra.yaml's lists_of_trusted_entities (empty when
// the file has none). A Japanese URI is given once per kind.
func (b *builder) loteMapping() *LoTEMapping {
	m := &LoTEMapping{}
	n := get(b.f.root, loteMappingKey)
	if n == nil {
		return m
	}
	b.at(m, n)
	if get(b.f.root, "parties") != nil {
		b.errf(loteMappingKey, "schema", "%s is for Japan's lists and the EU's: a mapping with parties: (a foreign list's) has none", loteMappingKey)
	}
	corr := func(it *yaml.Node, p string) Correspondence {
		c := Correspondence{Japan: str(get(it, "japan")), EU: str(get(it, "eu")), Status: mra.StatusEnacted, From: b.dateTime(get(it, "from"), p+".from")}
		if str(get(it, "status")) == "repealed" {
			c.Status = mra.StatusRepealed
		}
		return c
	}
	pair := func(it *yaml.Node) URIPair { return URIPair{Japan: str(get(it, "japan")), EU: str(get(it, "eu"))} }
	seen := map[string]string{}
	once := func(kind, u, p string) {
		if q, ok := seen[kind+u]; ok {
			b.errf(p+".japan", "schema", "%s is given twice (also at %s): give each Japanese URI one correspondence", u, q)
		}
		seen[kind+u] = p
	}
	lts := items(get(n, "list_types"))
	m.ListTypes = make([]LoTEListCorrespondence, len(lts))
	for i, it := range lts {
		p := fmt.Sprintf("%s.list_types[%d]", loteMappingKey, i)
		lt := &m.ListTypes[i]
		*lt = LoTEListCorrespondence{Correspondence: corr(it, p),
			StatusDetermination: pair(get(it, "status_determination_approach")), CommunityRules: pair(get(it, "community_rules"))}
		once("list type", lt.Japan, p)
		b.at(lt, it)
		b.at(&lt.Correspondence, it)
		b.at(&lt.StatusDetermination, get(it, "status_determination_approach"))
		b.at(&lt.CommunityRules, get(it, "community_rules"))
	}
	sts := items(get(n, "service_types"))
	m.ServiceTypes = make([]Correspondence, len(sts))
	for i, it := range sts {
		p := fmt.Sprintf("%s.service_types[%d]", loteMappingKey, i)
		m.ServiceTypes[i] = corr(it, p)
		once("service type", m.ServiceTypes[i].Japan, p)
		b.at(&m.ServiceTypes[i], it)
	}
	return m
}
