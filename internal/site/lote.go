package site

import (
	"time"

	"github.com/jtsl/jtsl/internal/model"
)

// LoTEs are the lists of trusted entities (ETSI TS 119 602) published
// with the list, as the page shows them: each list with its files and
// services, and the vocabulary of their types with the EU value each
// corresponds to (mra.yaml), shown beside the J-TSL's mapping.
type LoTEs struct {
	Lists []LoTE `json:"lists"`
	// ListTypes and ServiceTypes are lote/vocabulary.yaml's, each with
	// the EU value mra.yaml says it corresponds to; lote/vocabulary.json
	// in a release.
	ListTypes    []LoTETerm `json:"list_types"`
	ServiceTypes []LoTETerm `json:"service_types"`
	// VocabularyHref is that file's.
	VocabularyHref string `json:"vocabulary_href,omitempty"`
}

// A LoTE is one list of trusted entities.
type LoTE struct {
	Name     model.MultiLang
	Type     LoTETerm
	Profile  string // the EU profile whose structure it follows ("": none)
	Sequence int
	// The files: the signed XML, the JSON binding and its JWS, with the
	// .sha2 of each signed file.
	XMLHref, XMLSHA2Href, JSONHref, JWSHref, JWSSHA2Href string
	Services                                             []LoTEService
}

// A LoTEService is one service of an entity.
type LoTEService struct {
	Entity, Name model.MultiLang
	Type         LoTETerm
	Cert         []byte // the first certificate of its identity (DER); nil: none
}

// A LoTETerm is a URI with its labels and the EU value it corresponds to
// (mra.yaml's lists_of_trusted_entities); Label is nil for a URI the
// vocabulary does not declare, EU "" for one without a correspondence.
type LoTETerm struct {
	URI   string          `json:"uri"`
	Label model.MultiLang `json:"label,omitempty"`
	EU    string          `json:"eu,omitempty"`
	// Status (enacted or repealed) and From are the correspondence's.
	Status string     `json:"status,omitempty"`
	From   *time.Time `json:"from,omitempty"`
	// StatusDetermination and CommunityRules are a list type's: the
	// StatusDeterminationApproach and SchemeTypeCommunityRules of a list
	// of that type, each with the EU value it corresponds to.
	StatusDetermination *LoTEPair `json:"status_determination_approach,omitempty"`
	CommunityRules      *LoTEPair `json:"community_rules,omitempty"`
}

// A LoTEPair is a URI and the EU value it corresponds to.
type LoTEPair struct {
	URI string `json:"uri"`
	EU  string `json:"eu,omitempty"`
}

type loteView struct {
	Lists                   []loteListView
	ListTypes, ServiceTypes []loteTermView
	VocabularyHref          string
}

type loteListView struct {
	LoTE
	Name     text
	Type     loteTermView
	Services []loteServiceView
}

type loteServiceView struct {
	Entity, Name text
	Type         loteTermView
	Cert         *certView
}

type loteTermView struct {
	LoTETerm
	Label text
}

func termView(t LoTETerm) loteTermView {
	return loteTermView{LoTETerm: t, Label: bilingual(t.Label)}
}

func newLoTEView(l *LoTEs, opts Options) *loteView {
	if l == nil {
		return nil
	}
	v := &loteView{VocabularyHref: l.VocabularyHref}
	for _, t := range l.ListTypes {
		v.ListTypes = append(v.ListTypes, termView(t))
	}
	for _, t := range l.ServiceTypes {
		v.ServiceTypes = append(v.ServiceTypes, termView(t))
	}
	for _, li := range l.Lists {
		lv := loteListView{LoTE: li, Name: bilingual(li.Name), Type: termView(li.Type)}
		for _, s := range li.Services {
			sv := loteServiceView{Entity: bilingual(s.Entity), Name: bilingual(s.Name), Type: termView(s.Type)}
			if s.Cert != nil {
				c := certOf(s.Cert, opts.Known)
				sv.Cert = &c
			}
			lv.Services = append(lv.Services, sv)
		}
		v.Lists = append(v.Lists, lv)
	}
	return v
}
