package source

import "gopkg.in/yaml.v3"

// A LoTEVocabulary is lote/vocabulary.yaml: the URIs Japan's lists of
// trusted entities use (TS 119 602 Annex C.1), each with its labels and
// the EU value it corresponds to.
type LoTEVocabulary struct {
	Base         string
	ListTypes    []LoTEListType
	ServiceTypes []LoTETerm
	Statuses     []LoTETerm
}

// A LoTETerm is a URI with its labels and the EU value it corresponds to
// (the URI itself where the EU's own is used). Term.Kind is not set.
type LoTETerm struct {
	Term
	EU string
}

// A LoTEListType is a LoTEType with the status determination approach
// and scheme rules of a list of that type, each beside the EU's.
type LoTEListType struct {
	LoTETerm
	StatusDetermination, CommunityRules URIPair
}

// A URIPair is a URI of ours and the EU's it corresponds to.
type URIPair struct{ URI, EU string }

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
func (v *LoTEVocabulary) ServiceType(u string) *LoTETerm { return findTerm(v.ServiceTypes, u) }

// Status returns the status of URI u, or nil.
func (v *LoTEVocabulary) Status(u string) *LoTETerm { return findTerm(v.Statuses, u) }

func findTerm(ts []LoTETerm, u string) *LoTETerm {
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
	term := func(it *yaml.Node) LoTETerm {
		return LoTETerm{Term: Term{URI: str(get(it, "uri")), Label: b.multiLang(get(it, "label")), Definition: b.multiLang(get(it, "definition"))}, EU: str(get(it, "eu"))}
	}
	pair := func(it *yaml.Node) URIPair { return URIPair{URI: str(get(it, "uri")), EU: str(get(it, "eu"))} }
	lts := items(get(n, "list_types"))
	v.ListTypes = make([]LoTEListType, len(lts))
	for i, it := range lts {
		v.ListTypes[i] = LoTEListType{LoTETerm: term(it), StatusDetermination: pair(get(it, "status_determination_approach")), CommunityRules: pair(get(it, "community_rules"))}
		b.at(&v.ListTypes[i], it)
	}
	for _, k := range []struct {
		key  string
		into *[]LoTETerm
	}{{"service_types", &v.ServiceTypes}, {"statuses", &v.Statuses}} {
		its := items(get(n, k.key))
		*k.into = make([]LoTETerm, len(its))
		for i, it := range its {
			(*k.into)[i] = term(it)
			b.at(&(*k.into)[i], it)
		}
	}
	return v
}
