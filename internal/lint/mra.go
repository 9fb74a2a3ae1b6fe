package lint

import (
	"slices"
	"time"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/mra"
	"github.com/jtsl/jtsl/internal/source"
)

// Rules on mra.yaml: what EU DSS would silently ignore or get wrong in an
// equivalence block (../shared/docs/mra.md §4-§6).

// A block is one direction of the mapping.
type block struct {
	name         string // recognition_by_eu or recognition_by_japan
	a            *mra.Agreement
	japanPointed bool
}

func (p *Pass) blocks() []block {
	m := p.Set.Mapping
	if m == nil {
		return nil
	}
	var out []block
	if m.ByEU != nil {
		out = append(out, block{"recognition_by_eu", m.ByEU, true})
	}
	if m.ByJapan != nil {
		out = append(out, block{"recognition_by_japan", m.ByJapan, false})
	}
	return out
}

// versions returns the current terms of eq and then its history, newest
// first as written.
func versions(eq *mra.Equivalence) []*mra.Terms {
	out := []*mra.Terms{&eq.Terms}
	for h := range eq.History {
		for i := range eq.History[h].Instances {
			out = append(out, &eq.History[h].Instances[i])
		}
	}
	return out
}

// sides returns the Japanese and the EU side of a pair.
func (b block) sides(pointing, pointed any) (japan, eu any) {
	if b.japanPointed {
		return pointed, pointing
	}
	return pointing, pointed
}

// typeOverlap reports whether two pointed-party keys can match one
// service: EU DSS matches a key without ASI to any service of its type.
func typeOverlap(a, b mra.ServiceType) bool {
	return a.Type == b.Type && (a.ASI == nil || b.ASI == nil || a.ASI.URI.Value == b.ASI.URI.Value)
}

func pointedStatuses(t *mra.Terms) []string {
	return slices.Concat(t.Statuses.Valid.Pointed, t.Statuses.Invalid.Pointed)
}

func ambiguousEquivalence(p *Pass) {
	for _, b := range p.blocks() {
		eqs := b.a.Equivalences
		for i := range eqs {
			for j := i + 1; j < len(eqs); j++ {
				if st, status, ok := overlap(&eqs[i], &eqs[j]); ok {
					p.at(p.loc(&eqs[j]).Key("legal_identifier"), fix("claim each type and status for one legal identifier only", ""),
						"%s and %s both claim services of type %s with status %s: EU DSS then finds more than one equivalence and applies none (\"MRA rules are not applied\")",
						eqs[i].LegalIdentifier, eqs[j].LegalIdentifier, st.Type, status)
				}
			}
		}
	}
}

// overlap finds a service type and status that some version of each of
// two equivalences claims.
func overlap(a, b *mra.Equivalence) (mra.ServiceType, string, bool) {
	for _, va := range versions(a) {
		for _, vb := range versions(b) {
			for _, ta := range va.Types.Pointed {
				for _, tb := range vb.Types.Pointed {
					if !typeOverlap(ta, tb) {
						continue
					}
					for _, s := range pointedStatuses(va) {
						if slices.Contains(pointedStatuses(vb), s) {
							return ta, s, true
						}
					}
				}
			}
		}
	}
	return mra.ServiceType{}, "", false
}

func mappingVocabulary(p *Pass) {
	p.mappingURIs(func(at source.Loc, k source.TermKind, u string, japan bool) {
		switch {
		case japan && !p.known(k, u):
			p.at(at, fix("declare it in vocabulary.yaml, or use the URI declared there", nearest(u, slices.Concat(p.Set.Vocabulary.URIs(k), etsiTerms(k)))),
				"%s is Japan's side of the mapping but declared neither in vocabulary.yaml (%s) nor by TS 119 612: no list service can carry it", u, k)
		case !japan && !slices.Contains(etsiTerms(k), u):
			p.at(at, fix("use the EU's TS 119 612 URI", nearest(u, etsiTerms(k))),
				"%s is the EU's side of the mapping but not a TS 119 612 URI (%s): EU rules recognise only those", u, k)
		}
	})
}

// mappingURIs calls visit with every URI of mra.yaml's equivalences, once
// each, saying whether it is Japan's side.
func (p *Pass) mappingURIs(visit func(at source.Loc, k source.TermKind, u string, japan bool)) {
	for _, b := range p.blocks() {
		seen := map[any]bool{} // history instances share what they inherit
		once := func(v any) bool {
			if seen[v] {
				return false
			}
			seen[v] = true
			return true
		}
		types := func(sts []mra.ServiceType, japan bool) {
			for i := range sts {
				if !once(&sts[i]) {
					continue
				}
				at := p.loc(&sts[i])
				visit(at.Key("type"), source.KindServiceType, sts[i].Type, japan)
				if a := sts[i].ASI; a != nil {
					visit(at.Key("additional_information"), source.KindInformation, a.URI.Value, japan)
				}
			}
		}
		statuses := func(us []string, japan bool) {
			for i := range us {
				if once(&us[i]) {
					visit(p.loc(&us[i]), source.KindStatus, us[i], japan)
				}
			}
		}
		for e := range b.a.Equivalences {
			for _, t := range versions(&b.a.Equivalences[e]) {
				types(t.Types.Pointed, b.japanPointed)
				types(t.Types.Pointing, !b.japanPointed)
				for _, sp := range []mra.StatusPair{t.Statuses.Valid, t.Statuses.Invalid} {
					statuses(sp.Pointed, b.japanPointed)
					statuses(sp.Pointing, !b.japanPointed)
				}
				if q := t.Qualifiers; q != nil {
					for _, l := range q.Lists {
						for i := range l {
							if !once(&l[i]) {
								continue
							}
							at := p.loc(&l[i])
							ja, eu := b.sides(l[i].Pointing, l[i].Pointed)
							visit(at.Key("japan"), source.KindInformation, ja.(string), true)
							visit(at.Key("eu"), source.KindInformation, eu.(string), false)
						}
					}
				}
			}
		}
	}
}

func equivalenceHistoryOrder(p *Pass) {
	for _, b := range p.blocks() {
		for e := range b.a.Equivalences {
			eq := &b.a.Equivalences[e]
			vs := versions(eq)
			for i := 1; i < len(vs); i++ {
				if vs[i].StatusStartingTime.Before(vs[i-1].StatusStartingTime) {
					continue
				}
				p.at(p.loc(vs[i]).Key("from"), fix("list the history newest first, each version starting before the one above it", ""),
					"%s: this version starts %s, not before the version above it (%s): EU DSS reads history newest first and refuses a version that would end after it starts",
					eq.LegalIdentifier, vs[i].StatusStartingTime.Format(model.TimeLayout), vs[i-1].StatusStartingTime.Format(model.TimeLayout))
			}
		}
	}
}

// criteriaXML reports whether a criteria list holds verbatim XML in its
// otherCriteriaList, at any depth.
func criteriaXML(cl model.CriteriaList) bool {
	if cl.Other != nil {
		for _, o := range cl.Other.Items {
			if o.XML != "" {
				return true
			}
		}
	}
	return slices.ContainsFunc(cl.CriteriaList, criteriaXML)
}

func unsupportedCriteria(p *Pass) {
	for _, b := range p.blocks() {
		seen := map[*mra.ContentEquivalence]bool{}
		for e := range b.a.Equivalences {
			for _, t := range versions(&b.a.Equivalences[e]) {
				for i := range t.CertificateContent {
					c := &t.CertificateContent[i]
					if seen[c] {
						continue
					}
					seen[c] = true
					for _, side := range []struct {
						key string
						cl  model.CriteriaList
					}{{"japan", pick(b, c, true)}, {"eu", pick(b, c, false)}} {
						if criteriaXML(side.cl) {
							p.at(p.loc(c).Key(side.key), fix("use extended_key_usage, cert_subject_dn_attribute or qc_statements", ""),
								"verbatim XML in otherCriteriaList: EU DSS knows only ExtendedKeyUsage, CertSubjectDNAttribute and QcStatementSet there and fails on anything else (\"Unsupported OtherCriteriaList\")")
						}
					}
				}
			}
		}
	}
}

// pick returns Japan's or the EU's criteria of a content equivalence.
func pick(b block, c *mra.ContentEquivalence, japan bool) model.CriteriaList {
	if japan == b.japanPointed {
		return c.Pointed
	}
	return c.Pointing
}

// mentions reports whether a criteria list names QC statement oid.
func mentions(cl model.CriteriaList, oid string) bool {
	if cl.Other != nil {
		for _, o := range cl.Other.Items {
			for _, s := range o.QcStatementSet {
				if trimOID(s.ID.Identifier) == oid {
					return true
				}
			}
		}
	}
	return slices.ContainsFunc(cl.CriteriaList, func(c model.CriteriaList) bool { return mentions(c, oid) })
}

// removes reports whether a pointing-party declaration takes QC statement
// oid away (it stands under assert none), as EU DSS reads it.
func removes(cl model.CriteriaList, oid string) bool {
	if cl.Assert == "none" {
		return mentions(cl, oid)
	}
	if cl.Assert == "atLeastOne" { // EU DSS reads the first child only
		return len(cl.CriteriaList) > 0 && removes(cl.CriteriaList[0], oid)
	}
	return slices.ContainsFunc(cl.CriteriaList, func(c model.CriteriaList) bool { return removes(c, oid) })
}

func trimOID(s string) string {
	if len(s) > 8 && s[:8] == "urn:oid:" {
		return s[8:]
	}
	return s
}

const oidQcCClegislation = "0.4.0.1862.1.7"

func legislationKept(p *Pass) {
	for _, b := range p.blocks() {
		if !b.japanPointed {
			continue // EU DSS applies only the EU's block
		}
		for e := range b.a.Equivalences {
			eq := &b.a.Equivalences[e]
			for _, t := range versions(eq) {
				var legislated *mra.ContentEquivalence
				stripped := false
				for i := range t.CertificateContent {
					c := &t.CertificateContent[i]
					if mentions(c.Pointed, oidQcCClegislation) && legislated == nil {
						legislated = c
					}
					if c.Context == mra.ContextQcCompliance && removes(c.Pointing, oidQcCClegislation) {
						stripped = true
					}
				}
				if legislated != nil && !stripped {
					p.at(p.loc(legislated).Key("japan"), fix("add a QcCompliance context whose eu side has assert: none over the QcCClegislation statement", ""),
						"%s: certificates with a QcCClegislation statement (JP) stay non-qualified for EU DSS unless a QcCompliance context removes the statement: EU DSS counts a certificate as qualified only with QcCompliance and no QcCClegislation",
						eq.LegalIdentifier)
				}
			}
		}
	}
}

// eIDASStart is when Regulation (EU) 910/2014's trust service rules
// apply: EU DSS judges a service whose status starts earlier by the rules
// of before (QUAL TypeByTL, QSCDByTL).
var eIDASStart = time.Date(2016, 7, 1, 0, 0, 0, 0, time.UTC)

func serviceOutsideEquivalence(p *Pass) {
	m := p.Set.Mapping
	if m == nil || m.ByEU == nil {
		return
	}
	for _, r := range p.services() {
		s := r.svc
		var claimed []*mra.Terms
		for e := range m.ByEU.Equivalences {
			for _, t := range versions(&m.ByEU.Equivalences[e]) {
				if slices.ContainsFunc(t.Types.Pointed, func(st mra.ServiceType) bool { return st.Type == s.Type }) {
					claimed = append(claimed, t)
				}
			}
		}
		if len(claimed) == 0 {
			continue // a service the mapping does not propose
		}
		at := r.statusAt(-1)
		// EU DSS translates every status period a certificate meets.
		for h := -1; h < len(s.History); h++ {
			status := s.Status
			if h >= 0 {
				status = s.History[h].Status
			}
			if !slices.ContainsFunc(claimed, func(t *mra.Terms) bool { return slices.Contains(pointedStatuses(t), status) }) {
				p.at(r.statusAt(h).Key("status"), fix("add the status to the equivalence's valid or invalid statuses", ""),
					"no equivalence of mra.yaml maps status %s of a %s service: EU DSS reports the service untranslated for that period, and nothing it issued qualifies", status, s.Type)
			}
		}
		if p.inForce(s.Status) && s.StatusStartingTime.Before(eIDASStart) {
			p.at(at.Key("from"), fix("start the status on or after 2016-07-01, or list the service anew", ""),
				"the status starts %s, before 1 July 2016: EU DSS judges the translated service by the rules of before Regulation (EU) 910/2014", s.StatusStartingTime.Format(model.TimeLayout))
		}
		for k := range s.Extensions {
			ext := &s.Extensions[k]
			a := ext.AdditionalServiceInformation
			if a == nil {
				continue
			}
			listed := slices.ContainsFunc(claimed, func(t *mra.Terms) bool {
				return slices.ContainsFunc(t.Types.Pointed, func(st mra.ServiceType) bool {
					return st.Type == s.Type && st.ASI != nil && st.ASI.URI.Value == a.URI.Value
				})
			})
			if !listed {
				p.at(p.loc(ext).Key("additional_service_information"), fix("list the additional information in the equivalence's japan types, or remove it", ""),
					"%s is not in the equivalence's japan types: EU DSS keeps it untranslated on the EU-equivalent service, where EU rules do not know it", a.URI.Value)
			}
		}
	}
}
