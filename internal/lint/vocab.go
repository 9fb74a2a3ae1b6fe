package lint

import (
	"slices"
	"strings"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/source"
)

// Rules on the scheme's own vocabulary (vocabulary.yaml): every URI a
// list uses for a service type, status, service information or qualifier
// is TS 119 612's or declared there, and each declared URI is the
// scheme's own.

// termKind is the vocabulary.yaml section of a URI field, or "" for a
// field the scheme does not define values of.
func termKind(k uriKind) source.TermKind {
	switch k {
	case uriServiceType:
		return source.KindServiceType
	case uriStatus:
		return source.KindStatus
	case uriInfo, uriQualifier:
		return source.KindInformation
	}
	return ""
}

// etsiTerms returns TS 119 612's URIs of a vocabulary.yaml section.
func etsiTerms(k source.TermKind) []string {
	switch k {
	case source.KindServiceType:
		return model.ServiceTypes
	case source.KindStatus:
		return model.ServiceStatuses
	case source.KindInformation:
		return slices.Concat(model.AdditionalInfoURIs, model.Qualifiers)
	}
	return nil
}

// known reports whether u is TS 119 612's or the scheme's URI of kind k.
func (p *Pass) known(k source.TermKind, u string) bool {
	return slices.Contains(etsiTerms(k), u) || p.Set.Vocabulary.Lookup(k, u) != nil
}

// inForce reports whether a service with this status is approved: one of
// TS 119 612's statuses in force, or one the scheme declares in force.
func (p *Pass) inForce(status string) bool {
	if slices.Contains(model.InForceStatuses, status) {
		return true
	}
	t := p.Set.Vocabulary.Lookup(source.KindStatus, status)
	return t != nil && t.InForce
}

// undeclared returns the vocabulary.yaml section a URI of the list
// belongs in when it is neither TS 119 612's nor declared there, nor a
// near miss of a TS 119 612 URI (JTSL005 names the one meant).
func (p *Pass) undeclared(r uriRef) (source.TermKind, bool) {
	k := termKind(r.kind)
	if k == "" || r.v == "" || p.known(k, r.v) || p.misspelt(r.v, r.kind) != "" {
		return "", false
	}
	return k, true
}

// A SchemeURI is a URI the sources use that vocabulary.yaml must declare.
type SchemeURI struct {
	Kind source.TermKind
	URI  string
}

// SchemeURIs returns the URIs of the sources that are TS 119 612's
// neither by spelling nor declared in vocabulary.yaml, in the list and
// on Japan's side of mra.yaml: what JTSL034 and JTSL037 ask to declare,
// each once, in the order of first use. jtsl import declares them.
func SchemeURIs(s *source.Set) []SchemeURI {
	c := newCache(s)
	p := &Pass{Set: s, cache: c}
	var out []SchemeURI
	seen := map[SchemeURI]bool{}
	add := func(u SchemeURI) {
		if !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	for _, r := range p.uris() {
		if k, ok := p.undeclared(r); ok {
			add(SchemeURI{k, r.v})
		}
	}
	p.mappingURIs(func(_ source.Loc, k source.TermKind, u string, japan bool) {
		if japan && u != "" && !p.known(k, u) {
			add(SchemeURI{k, u})
		}
	})
	return out
}

func undeclaredURI(p *Pass) {
	for _, r := range p.uris() {
		k, ok := p.undeclared(r)
		if !ok {
			continue
		}
		if best := nearest(r.v, p.Set.Vocabulary.URIs(k)); best != "" {
			p.at(r.at, fix("use the declared URI", best),
				"%s is declared neither by TS 119 612 nor in vocabulary.yaml; did you mean %s?", r.v, best)
			continue
		}
		p.at(r.at, fix("declare it in vocabulary.yaml under "+string(k)+", with its ja and en labels and a definition", ""),
			"%s is declared neither by TS 119 612 nor in vocabulary.yaml (%s): a reader cannot tell what it means", r.v, k)
	}
}

func vocabularyTerms(p *Pass) {
	v := p.Set.Vocabulary
	if v == nil {
		return
	}
	seen := map[source.TermKind]map[string]bool{}
	for i := range v.Terms {
		t := &v.Terms[i]
		at := p.loc(t).Key("uri")
		switch {
		case slices.Contains(etsiTerms(t.Kind), t.URI):
			p.at(at, fix("remove the term: TS 119 612 defines it", ""),
				"%s is a TS 119 612 URI: the scheme cannot give it another meaning", t.URI)
		case !strings.HasPrefix(t.URI, v.Base) || t.URI == v.Base:
			p.at(at, fix("declare a URI under "+v.Base, ""),
				"%s is not under the scheme's base %s: the scheme declares only URIs its operator controls", t.URI, v.Base)
		case seen[t.Kind][t.URI]:
			p.at(at, fix("remove the second declaration", ""), "%s is declared twice in %s", t.URI, t.Kind)
		}
		if seen[t.Kind] == nil {
			seen[t.Kind] = map[string]bool{}
		}
		seen[t.Kind][t.URI] = true
	}
}

// etsiType returns the TS 119 612 type a service type stands for: itself,
// or for a scheme type the EU type mra.yaml maps it to (recognition_by_eu),
// so that the rules on what identifies a CA or a TSA judge the scheme's
// services too; else t.
func (p *Pass) etsiType(t string) string {
	if slices.Contains(model.ServiceTypes, t) || p.Set.Mapping == nil || p.Set.Mapping.ByEU == nil {
		return t
	}
	for e := range p.Set.Mapping.ByEU.Equivalences {
		for _, v := range versions(&p.Set.Mapping.ByEU.Equivalences[e]) {
			for _, st := range v.Types.Pointed {
				if st.Type == t && len(v.Types.Pointing) > 0 {
					return v.Types.Pointing[len(v.Types.Pointing)-1].Type // EU DSS maps to the last
				}
			}
		}
	}
	return t
}

func vocabularyPlaceholders(p *Pass) {
	v := p.Set.Vocabulary
	if v == nil {
		return
	}
	for i := range v.Terms {
		t := &v.Terms[i]
		if !t.IsPlaceholder() {
			continue
		}
		what, also := "ja and en labels and its definition", ""
		if t.Kind == source.KindStatus {
			what, also = what+", and whether a service with it is in force (in_force)", "; in_force is a guess"
		}
		p.at(p.loc(t).Key("label"), fix("write its "+what, ""),
			"%s was declared by jtsl import with placeholder labels (a list does not carry them)%s: a reader of the page cannot tell what it means", t.URI, also)
	}
}
