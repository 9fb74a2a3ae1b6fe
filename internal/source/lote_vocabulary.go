package source

import "gopkg.in/yaml.v3"

// A LoTEVocabulary is lote/vocabulary.yaml: the URIs Japan's lists of
// trusted entities use (TS 119 602 Annex C.1), each with its labels. The
// EU value each corresponds to is mra.yaml's (LoTEMapping).
type LoTEVocabulary struct {
	Base         string
	ListTypes    []LoTEListType
	ServiceTypes []Term
	Statuses     []Term
}

// A LoTEListType is a LoTEType with the status determination approach
// and scheme rules of a list of that type. Term.Kind is not set.
type LoTEListType struct {
	Term
	StatusDetermination, CommunityRules string
}

// ListType returns the list type of URI u, or nil.
func (v *LoTEVocabulary) ListType(u string) *LoTEListType {
	for i := range v.ListTypes {
		if v.ListTypes[i].URI == u {
			return &v.ListTypes[i]
		}
	}
	return nil
}

// ServiceType returns the service type of URI u, or nil.
func (v *LoTEVocabulary) ServiceType(u string) *Term { return findTerm(v.ServiceTypes, u) }

// Status returns the status of URI u, or nil.
func (v *LoTEVocabulary) Status(u string) *Term { return findTerm(v.Statuses, u) }

func findTerm(ts []Term, u string) *Term {
	for i := range ts {
		if ts[i].URI == u {
			return &ts[i]
		}
	}
	return nil
}

// loteVocabulary builds lote/vocabulary.yaml.
func (b *builder) loteVocabulary() *LoTEVocabulary {
	n := b.f.root
	v := &LoTEVocabulary{Base: str(get(n, "base"))}
	b.at(v, n)
	term := func(it *yaml.Node) Term {
		return Term{URI: str(get(it, "uri")), Label: b.multiLang(get(it, "label")), Definition: b.multiLang(get(it, "definition"))}
	}
	lts := items(get(n, "list_types"))
	v.ListTypes = make([]LoTEListType, len(lts))
	for i, it := range lts {
		v.ListTypes[i] = LoTEListType{Term: term(it), StatusDetermination: str(get(it, "status_determination_approach")), CommunityRules: str(get(it, "community_rules"))}
		b.at(&v.ListTypes[i], it)
	}
	for _, k := range []struct {
		key  string
		into *[]Term
	}{{"service_types", &v.ServiceTypes}, {"statuses", &v.Statuses}} {
		its := items(get(n, k.key))
		*k.into = make([]Term, len(its))
		for i, it := range its {
			(*k.into)[i] = term(it)
			b.at(&(*k.into)[i], it)
		}
	}
	return v
}
