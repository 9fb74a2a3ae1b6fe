package lint

import (
	"slices"

	"github.com/jtsl/jtsl/internal/lote"
	"github.com/jtsl/jtsl/internal/source"
)

// The rules of mra.yaml's lists_of_trusted_entities: which EU value each
// term of Japan's lists of trusted entities corresponds to.

func loteCorrespondence(p *LoTEPass) {
	pr, m, v := p.profile(), p.Set.Mapping, p.Set.Vocabulary
	if pr == nil || m == nil || v == nil {
		return // no profile to correspond to; or mra.yaml invalid, which Load reports
	}
	// A term the vocabulary does not declare, or the list does not use
	// as its vocabulary or profile says, is JTSL060's, JTSL061's or
	// JTSL062's; a correspondence of a term the vocabulary lacks,
	// JTSL071's.
	s := &p.List.List.Scheme
	at := p.loc(s)
	if v.ListType(s.Type) == nil {
		return
	}
	lt := m.ListType(s.Type)
	var c *source.Correspondence
	if lt != nil {
		c = &lt.Correspondence
	}
	// The list type alone is judged here: its status determination
	// approach and scheme rules correspond to those of its EU list type's
	// profile (JTSL070), so to the list's profile's when it is that one.
	p.mapped(at.Key("type"), s.Type, c, pr.Type)
	seen := map[string]bool{}
	p.services(func(_ *lote.Entity, sv *lote.Service) {
		if seen[sv.Type] || v.ServiceType(sv.Type) == nil || !slices.Contains(pr.ServiceTypes(), sv.Type) {
			return
		}
		seen[sv.Type] = true
		c := m.ServiceType(sv.Type)
		if p.mapped(p.loc(sv).Key("type"), sv.Type, c, "") && !slices.Contains(pr.ServiceTypes(), c.EU) && euServiceType(c.EU) {
			p.at(p.loc(c).Key("eu"), fix("use a service type of "+pr.Name, pr.ServiceTypes()[0]),
				"%s corresponds to %s, which is not a service type of %s, the profile lote/%s follows", c.Japan, c.EU, pr.Name, p.List.Name)
		}
	})
}

// mapped reports whether Japan's term u, used at at, has a correspondence
// c that holds and (when eu is given) is not to another EU list type
// than eu; it reports what is wrong.
func (p *LoTEPass) mapped(at source.Loc, u string, c *source.Correspondence, eu string) bool {
	switch {
	case c == nil:
		p.at(at, fix("add its correspondence to mra.yaml's lists_of_trusted_entities", ""),
			"%s has no EU correspondence in mra.yaml, and lote/%s follows %s", u, p.List.Name, p.List.Profile)
	case !c.Enacted():
		p.at(p.loc(c).Key("status"), fix("enact the correspondence, or stop following the profile", "enacted"),
			"the correspondence of %s is repealed, and lote/%s follows %s", u, p.List.Name, p.List.Profile)
	case eu != "" && c.EU != eu && lote.Profiles[c.EU] != nil: // an unknown one is JTSL070's
		p.at(p.loc(c).Key("eu"), fix("use the LoTEType of "+p.List.Profile, eu),
			"%s corresponds to %s, but lote/%s follows %s", u, c.EU, p.List.Name, p.List.Profile)
	default:
		return true
	}
	return false
}

func loteEUValues(p *LoTEPass) {
	if p.Set.Mapping == nil {
		return // mra.yaml invalid, which Load reports
	}
	m := p.Set.Mapping
	for i := range m.ListTypes {
		lt := &m.ListTypes[i]
		pr := lote.Profiles[lt.EU]
		if pr == nil {
			p.at(p.loc(&lt.Correspondence).Key("eu"), fix("use an EU profile's LoTEType", lote.TypePrefix+"EUPIDProvidersList"),
				"%s is not the LoTEType of an EU profile of TS 119 602", lt.EU)
			continue
		}
		for _, v := range []struct {
			pair *source.URIPair
			eu   string
		}{{&lt.StatusDetermination, pr.StatusDetn}, {&lt.CommunityRules, pr.SchemeRules}} {
			if v.pair.EU != v.eu {
				p.at(p.loc(v.pair).Key("eu"), fix("use the value of "+pr.Name, v.eu),
					"%s is not the value of %s (%s), the EU list type this one corresponds to", v.pair.EU, pr.Name, v.eu)
			}
		}
	}
	for i := range m.ServiceTypes {
		c := &m.ServiceTypes[i]
		if !euServiceType(c.EU) {
			p.at(p.loc(c).Key("eu"), fix("use an EU profile's service type", ""),
				"%s is not a service type of an EU profile of TS 119 602", c.EU)
		}
	}
}

// euServiceType reports whether u is a service type of an EU profile.
func euServiceType(u string) bool {
	for _, pr := range lote.Profiles {
		if slices.Contains(pr.ServiceTypes(), u) {
			return true
		}
	}
	return false
}

func loteMappedTerms(p *LoTEPass) {
	m, v := p.Set.Mapping, p.Set.Vocabulary
	if m == nil || v == nil {
		return
	}
	undeclared := fix("declare it in lote/vocabulary.yaml, or correct the URI", "")
	for i := range m.ListTypes {
		lt := &m.ListTypes[i]
		vt := v.ListType(lt.Japan)
		if vt == nil {
			p.at(p.loc(&lt.Correspondence).Key("japan"), undeclared, "the list type %s is not declared in lote/vocabulary.yaml", lt.Japan)
			continue
		}
		for _, w := range []struct {
			name string
			pair *source.URIPair
			want string
		}{{"status determination approach", &lt.StatusDetermination, vt.StatusDetermination}, {"scheme rules", &lt.CommunityRules, vt.CommunityRules}} {
			if w.pair.Japan != w.want {
				p.at(p.loc(w.pair).Key("japan"), fix("use the list type's, as lote/vocabulary.yaml gives it", w.want),
					"%s is not the %s lote/vocabulary.yaml gives for %s", w.pair.Japan, w.name, lt.Japan)
			}
		}
	}
	for i := range m.ServiceTypes {
		if c := &m.ServiceTypes[i]; v.ServiceType(c.Japan) == nil {
			p.at(p.loc(c).Key("japan"), undeclared, "the service type %s is not declared in lote/vocabulary.yaml", c.Japan)
		}
	}
}
