package source

import (
	"reflect"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/jtsl/jtsl/internal/mra"
)

// WriteMapping writes dir/mra.yaml holding a the block of the list's own
// pointer to pointer (recognition_by_japan: the list's party points), in
// the shape Load reads back (mapping.go is the reverse).
func WriteMapping(dir string, a *mra.Agreement, pointer string) error {
	w := &writer{dir: dir}
	n := agreementNode(a, sides{japanPointed: false})
	n.Content = append([]*yaml.Node{str2("pointer"), str2(pointer)}, n.Content...)
	return w.file("mra.yaml", "../schema/mra.schema.json", mapping("recognition_by_japan", n))
}

// pair writes a value of each party under its name.
func (s sides) pair(pointing, pointed *yaml.Node) *yaml.Node {
	if s.japanPointed {
		return mapping("japan", pointed, "eu", pointing)
	}
	return mapping("japan", pointing, "eu", pointed)
}

func agreementNode(a *mra.Agreement, s sides) *yaml.Node {
	kv := []any{}
	for _, at := range []struct {
		key string
		v   int
	}{{"technical_type", a.TechnicalType}, {"version", a.Version}, {"mra_depth", a.MRADepth}} {
		if at.v != defaultAttr {
			kv = append(kv, at.key, at.v)
		}
	}
	japan, eu := a.PointingLegislation, a.PointedLegislation
	if s.japanPointed {
		japan, eu = eu, japan
	}
	kv = append(kv, "japan_legislation", japan, "eu_legislation", eu)
	eqs := seq()
	for i := range a.Equivalences {
		eq := &a.Equivalences[i]
		en := termsNode(&eq.Terms, nil, s)
		en.Content = append([]*yaml.Node{str2("legal_identifier"), str2(eq.LegalIdentifier)}, en.Content...)
		if len(eq.History) > 0 {
			hs := seq()
			newer := &eq.Terms
			for j := range eq.History[0].Instances {
				hs.Content = append(hs.Content, termsNode(&eq.History[0].Instances[j], newer, s))
				newer = &eq.History[0].Instances[j]
			}
			en.Content = append(en.Content, str2("history"), hs)
		}
		eqs.Content = append(eqs.Content, en)
	}
	return mapping(append(kv, "equivalences", eqs)...)
}

// termsNode writes one version of an equivalence; a history instance
// leaves out what it shares with newer, the version after it.
func termsNode(t, newer *mra.Terms, s sides) *yaml.Node {
	status := "enacted"
	if t.Status == mra.StatusRepealed {
		status = "repealed"
	}
	kv := []any{"status", status, "from", timeNode(t.StatusStartingTime)}
	if newer == nil || !reflect.DeepEqual(t.Types, newer.Types) {
		kv = append(kv, "types", s.pair(typesNode(t.Types.Pointing), typesNode(t.Types.Pointed)))
	}
	if newer == nil || !reflect.DeepEqual(t.Statuses, newer.Statuses) {
		kv = append(kv, "statuses", mapping("valid", statusPairNode(t.Statuses.Valid, s), "invalid", statusPairNode(t.Statuses.Invalid, s)))
	}
	if t.CertificateContent != nil && (newer == nil || !reflect.DeepEqual(t.CertificateContent, newer.CertificateContent)) {
		cs := seq()
		for _, c := range t.CertificateContent {
			n := mapping("context", strings.TrimPrefix(c.Context, mra.ContextPrefix))
			n.Content = append(n.Content, s.pair(criteriaNode(c.Pointing), criteriaNode(c.Pointed)).Content...)
			cs.Content = append(cs.Content, n)
		}
		kv = append(kv, "certificate_content", cs)
	}
	if q := t.Qualifiers; q != nil && (newer == nil || !reflect.DeepEqual(q, newer.Qualifiers)) {
		qk := []any{}
		if q.NamePointing != "Sie:Q" || q.NamePointed != "Sie:Q" {
			qk = append(qk, "name", s.pair(str2(q.NamePointing), str2(q.NamePointed)))
		}
		ps := seq()
		for _, l := range q.Lists {
			for _, p := range l {
				ps.Content = append(ps.Content, s.pair(str2(p.Pointing), str2(p.Pointed)))
			}
		}
		kv = append(kv, "qualifiers", mapping(append(qk, "pairs", ps)...))
	}
	return mapping(kv...)
}

func typesNode(ts []mra.ServiceType) *yaml.Node {
	n := seq()
	for _, t := range ts {
		kv := []any{"type", t.Type}
		if t.ASI != nil {
			kv = append(kv, "additional_information", t.ASI.URI.Value)
		}
		n.Content = append(n.Content, mapping(kv...))
	}
	return n
}

func statusPairNode(p mra.StatusPair, s sides) *yaml.Node {
	list := func(us []string) *yaml.Node {
		n := seq()
		for _, u := range us {
			n.Content = append(n.Content, str2(u))
		}
		return n
	}
	return s.pair(list(p.Pointing), list(p.Pointed))
}
