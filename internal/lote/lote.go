package lote

import (
	"encoding/json"
	"iter"
	"time"

	"github.com/jtsl/jtsl/internal/model"
)

// A List is one List of Trusted Entities: the ListOfTrustedEntities element
// (XML) or the LoTE member (JSON), without its signature. See ETSI TS 119
// 602 v1.1.1 clause 6.
type List struct {
	// ID is the root element's optional Id attribute (XML only).
	ID string
	// Tag is the LOTETag attribute (6.2, XML only; Tag below is the value
	// to write).
	Tag string
	// Scheme is ListAndSchemeInformation (6.3).
	Scheme Scheme
	// Entities is TrustedEntitiesList (6.4); nil when the list has none
	// (both bindings then leave the element out: it may not be empty).
	Entities []Entity
}

// Services yields every service of the list with its entity, in document
// order.
func (l *List) Services() iter.Seq2[*Entity, *Service] {
	return func(yield func(*Entity, *Service) bool) {
		for i := range l.Entities {
			e := &l.Entities[i]
			for j := range e.Services {
				if !yield(e, &e.Services[j]) {
					return
				}
			}
		}
	}
}

// A Scheme is the ListAndSchemeInformation element. See TS 119 602 clause
// 6.3.
type Scheme struct {
	VersionIdentifier int             // 6.3.1 LoTEVersionIdentifier (Version)
	SequenceNumber    int             // 6.3.2 LoTESequenceNumber, from 1
	Type              string          // 6.3.3 LoTEType URI ("": absent, JSON only)
	OperatorName      model.MultiLang // 6.3.4 SchemeOperatorName
	OperatorAddress   model.Address   // 6.3.5 SchemeOperatorAddress
	Name              model.MultiLang // 6.3.6 SchemeName
	InformationURI    model.MultiLang // 6.3.7 SchemeInformationURI
	// StatusDeterminationApproach is a URI (6.3.8; required in XML,
	// optional in JSON).
	StatusDeterminationApproach string
	CommunityRules              model.MultiLang            // 6.3.9 SchemeTypeCommunityRules (nil: absent)
	Territory                   string                     // 6.3.10 SchemeTerritory ("": absent)
	PolicyOrLegalNotice         *model.PolicyOrLegalNotice // 6.3.11 (nil: absent)
	// HistoricalInformationPeriod is in days (6.3.12); nil when absent,
	// as the EU profiles require (they keep no history).
	HistoricalInformationPeriod *int
	Pointers                    []Pointer // 6.3.13 PointersToOtherLoTE (nil: absent)
	ListIssueDateTime           time.Time // 6.3.14, UTC
	// NextUpdate is 6.3.15. The XML binding lets its dateTime be absent
	// (a closed list); the JSON binding requires it. Nil: absent.
	NextUpdate         *time.Time
	DistributionPoints []string    // 6.3.16 (nil: absent)
	Extensions         []Extension // 6.3.17 SchemeExtensions (nil: absent)
}

// A Pointer is one OtherLoTEPointer (XML) or PointersToOtherLoTE item
// (JSON): where another LoTE is published, who signs it and what it is.
// See TS 119 602 clause 6.3.13.
type Pointer struct {
	// Identities is ServiceDigitalIdentities: the signers accepted for the
	// pointed list, one per ServiceDigitalIdentity element.
	Identities []model.DigitalIdentity
	Location   string // LoTELocation
	// Qualifiers are the pointed list's LoTEQualifiers (JSON), each an
	// OtherInformation element of AdditionalInformation in XML.
	Qualifiers []Qualifier
	// TextualInformation is AdditionalInformation/TextualInformation
	// (XML only: the JSON binding has no place for it).
	TextualInformation model.MultiLang
	// OtherInformation keeps, verbatim (inner XML), any OtherInformation
	// element that is not a qualifier (XML only).
	OtherInformation []string
}

// A Qualifier describes the pointed list: the LoTEQualifier of the JSON
// binding. See TS 119 602 clause 6.3.13 item c).
type Qualifier struct {
	LoTEType           string          // required
	SchemeOperatorName model.MultiLang // required
	CommunityRules     model.MultiLang // SchemeTypeCommunityRules, optional
	SchemeTerritory    string          // optional
	MimeType           string          // required, e.g. MimeTypeXML
}

// An Entity is one TrustedEntity: its TrustedEntityInformation and its
// services. See TS 119 602 clauses 6.4 and 6.5.
type Entity struct {
	Name      model.MultiLang // 6.5.1 TEName
	TradeName model.MultiLang // 6.5.2 TETradeName (nil: absent)
	Address   model.Address   // 6.5.3 TEAddress
	// InformationURI is TEInformationURI (6.5.4); the EU profiles want one
	// naming the entity's country (InformationURIPrefix…/CC).
	InformationURI model.MultiLang
	Extensions     []Extension // 6.5.5 TEInformationExtensions (nil: absent)
	Services       []Service   // 6.4.2 TrustedEntityServices, at least one
}

// A Service is one TrustedEntityService: its current ServiceInformation and
// its ServiceHistory. See TS 119 602 clauses 6.6 and 6.7.
type Service struct {
	Type     string                // 6.6.1 ServiceTypeIdentifier ("": absent)
	Name     model.MultiLang       // 6.6.2 ServiceName
	Identity model.DigitalIdentity // 6.6.3 ServiceDigitalIdentity
	// Status and StatusStartingTime (6.6.4, 6.6.5) are optional: the EU
	// profiles of TS 119 602's annexes have no status at all. "" and the
	// zero time: absent.
	Status                     string
	StatusStartingTime         time.Time
	SchemeServiceDefinitionURI model.MultiLang     // 6.6.6 (nil: absent)
	SupplyPoints               []model.SupplyPoint // 6.6.7 ServiceSupplyPoints; Type is the JSON ServiceType
	DefinitionURI              model.MultiLang     // 6.6.8 TEServiceDefinitionURI (JSON ServiceDefinitionURI)
	Extensions                 []Extension         // 6.6.9 ServiceInformationExtensions (nil: absent)
	// History is ServiceHistory, newest first (6.4.4, 6.7). HistoryPresent
	// records an empty ServiceHistory element, which the XSD allows (the
	// JSON binding cannot say it).
	History        []HistoryInstance
	HistoryPresent bool
}

// At returns the status the service had at t and when it began: the
// current status if it started at or before t, else the newest history
// instance that did. ok is false when t precedes every known status, or
// when the service has no status at all (a profile without statuses).
func (s *Service) At(t time.Time) (status string, since time.Time, ok bool) {
	if s.Status != "" && !s.StatusStartingTime.After(t) {
		return s.Status, s.StatusStartingTime, true
	}
	for _, h := range s.History {
		if !h.StatusStartingTime.After(t) {
			return h.Status, h.StatusStartingTime, true
		}
	}
	return "", time.Time{}, false
}

// A HistoryInstance is one ServiceHistoryInstance: a previous state of the
// service. Status and StatusStartingTime are required here. See TS 119 602
// clause 6.7.
type HistoryInstance struct {
	Type               string // "": absent
	Name               model.MultiLang
	Identity           model.DigitalIdentity
	Status             string
	StatusStartingTime time.Time
	Extensions         []Extension
}

// An Extension is one Extension element of SchemeExtensions,
// TEInformationExtensions or ServiceInformationExtensions (XML), or one
// item of those arrays (JSON, where the schema leaves items free-form).
// Exactly one content field is set; content of no known kind is kept
// verbatim in the binding it came in, so that a list is never silently
// truncated. See TS 119 602 clauses 6.3.17, 6.5.5 and 6.6.9.
type Extension struct {
	Critical bool

	// ServiceUniqueIdentifier is the sie:ServiceUniqueIdentifier URI
	// (clause 6.6.9.1, namespace NSSIE).
	ServiceUniqueIdentifier string
	// AssociatedBodies is the tie:OtherAssociatedBodies extension (clause
	// 6.5.5.1, namespace NSTIE).
	AssociatedBodies []AssociatedBody
	// XML is an extension's inner XML, verbatim.
	XML string
	// JSON is a JSON array item of no known shape, verbatim.
	JSON json.RawMessage
}

// An AssociatedBody is one tie:AssociatedBody: a body acting for the
// entity. See TS 119 602 clause 6.5.5.1.
type AssociatedBody struct {
	Name           model.MultiLang
	TradeName      model.MultiLang // nil: absent
	Address        model.Address
	InformationURI model.MultiLang
	Extensions     []Extension // nil: absent
}
