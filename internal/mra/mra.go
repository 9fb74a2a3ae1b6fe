package mra

import (
	"time"

	"github.com/jtsl/jtsl/internal/model"
)

// URIs of the MRA schema's vocabulary (EU DSS knows exactly these).
const (
	StatusEnacted  = "http://ec.europa.eu/tools/lotl/mra/enacted"
	StatusRepealed = "http://ec.europa.eu/tools/lotl/mra/repealed"

	// ContextPrefix begins every certificate content context URI.
	ContextPrefix       = "http://ec.europa.eu/tools/lotl/mra/"
	ContextQcCompliance = ContextPrefix + "QcCompliance"
	ContextQcType       = ContextPrefix + "QcType"
	ContextQcQSCD       = ContextPrefix + "QcQSCD"

	// AdESLOTLType is the TSLType of the EU's AdES LOTL, the list whose
	// pointers carry the block.
	AdESLOTLType = "http://ec.europa.eu/tools/lotl/mra/ades-lotl-tsl-type"
)

// An Agreement is one mra:MutualRecognitionAgreementInformation block.
// Every mapping reads "pointed-party value (the third country's) →
// pointing-party value (the meaning in the list that holds the pointer)".
type Agreement struct {
	TechnicalType       int    // @technicalType
	Version             int    // @version
	PointingLegislation string // @pointingContractingPartyLegislation
	PointedLegislation  string // @pointedContractingPartyLegislation
	MRADepth            int    // @MRADepth
	Equivalences        []Equivalence
}

// An Equivalence is one TrustServiceEquivalenceInformation: the current
// terms for one legal identifier and their history.
type Equivalence struct {
	LegalIdentifier string // TrustServiceLegalIdentifier, e.g. QCForESig
	Terms                  // the current terms
	// History is each TrustServiceEquivalenceHistory element in document
	// order; EU DSS reads its instances newest first.
	History []History
}

// A History is one TrustServiceEquivalenceHistory element.
type History struct {
	Instances []Terms // TrustServiceEquivalenceHistoryInstance, at least one
}

// Terms are what a TrustServiceEquivalenceInformation and a history
// instance have in common.
type Terms struct {
	Types              TypeEquivalence // TrustServiceTSLTypeEquivalenceList
	Status             string          // TrustServiceEquivalenceStatus: StatusEnacted or StatusRepealed
	StatusStartingTime time.Time       // TrustServiceEquivalenceStatusStartingTime
	Statuses           StatusEquivalence
	// CertificateContent is CertificateContentReferencesEquivalenceList;
	// nil when absent.
	CertificateContent []ContentEquivalence
	// Qualifiers is TrustServiceTSLQualificationExtensionEquivalenceList;
	// nil when absent.
	Qualifiers *QualifierEquivalence
}

// A TypeEquivalence maps the pointed party's service types to the
// pointing party's.
type TypeEquivalence struct {
	Pointing []ServiceType // TrustServiceTSLTypeListPointingParty
	Pointed  []ServiceType // TrustServiceTSLTypeListPointedParty
}

// A ServiceType is one mra:TrustServiceTSLType.
type ServiceType struct {
	Type string                              // tsl:ServiceTypeIdentifier
	ASI  *model.AdditionalServiceInformation // tsl:AdditionalServiceInformation; nil when absent
}

// A StatusEquivalence is TrustServiceTSLStatusEquivalenceList.
type StatusEquivalence struct {
	Valid   StatusPair // TrustServiceTSLStatusValidEquivalence
	Invalid StatusPair // TrustServiceTSLStatusInvalidEquivalence
}

// A StatusPair maps pointed-party service statuses to pointing-party ones.
type StatusPair struct {
	Pointing []string // TrustServiceTSLStatusListPointingParty/ServiceStatus
	Pointed  []string // TrustServiceTSLStatusListPointedParty/ServiceStatus
}

// A ContentEquivalence is one CertificateContentReferenceEquivalence: a
// certificate that meets Pointed is read, in Context, as declaring what
// Pointing says.
type ContentEquivalence struct {
	Context  string             // ContextQcCompliance, ContextQcType, ContextQcQSCD (others are ignored by EU DSS)
	Pointing model.CriteriaList // CertificateContentDeclarationPointingParty
	Pointed  model.CriteriaList // CertificateContentDeclarationPointedParty
}

// A QualifierEquivalence is TrustServiceTSLQualificationExtensionEquivalenceList.
type QualifierEquivalence struct {
	NamePointing string            // ...ExtensionNamePointingParty, e.g. "Sie:Q" (not read by EU DSS)
	NamePointed  string            // ...ExtensionNamePointedParty
	Lists        [][]QualifierPair // QualifierEquivalenceList elements, each with at least one pair
}

// A QualifierPair is one QualifierEquivalence.
type QualifierPair struct {
	Pointing string // QualifierPointingParty/@uri
	Pointed  string // QualifierPointedParty/@uri
}
