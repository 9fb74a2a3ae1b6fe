package model

import "time"

// A List is one trusted list: the TrustServiceStatusList element without
// its signature. See ETSI TS 119 612 v2.4.1 clause 5.
type List struct {
	// ID is the root element's optional Id attribute (annex B).
	ID string
	// Tag is the TSLTag attribute; TSLTag for every conformant list (5.2.1).
	Tag string
	// Scheme is the SchemeInformation element (5.3).
	Scheme Scheme
	// Providers is TrustServiceProviderList (5.4); nil when the list has none.
	Providers []TSP
}

// A Scheme is the SchemeInformation element. See TS 119 612 clause 5.3.
type Scheme struct {
	VersionIdentifier           int                  // 5.3.1
	SequenceNumber              int                  // 5.3.2
	Type                        string               // 5.3.3 TSLType
	OperatorName                MultiLang            // 5.3.4
	OperatorAddress             Address              // 5.3.5
	Name                        MultiLang            // 5.3.6
	InformationURI              MultiLang            // 5.3.7
	StatusDeterminationApproach string               // 5.3.8
	CommunityRules              MultiLang            // 5.3.9 SchemeTypeCommunityRules (nil: absent)
	Territory                   string               // 5.3.10 ("" : absent)
	PolicyOrLegalNotice         *PolicyOrLegalNotice // 5.3.11 (nil: absent)
	HistoricalInformationPeriod int                  // 5.3.12
	Pointers                    []Pointer            // 5.3.13 PointersToOtherTSL
	ListIssueDateTime           time.Time            // 5.3.14, UTC
	// NextUpdate is nil for a closed list (empty NextUpdate element, 5.3.15).
	NextUpdate         *time.Time
	DistributionPoints []string    // 5.3.16
	Extensions         []Extension // 5.3.17 SchemeExtensions
}

// A LangString is one value of a multilingual field with its xml:lang tag.
// See TS 119 612 clause 5.1.4.
type LangString struct {
	Lang  string
	Value string
}

// MultiLang is a multilingual field: names (InternationalNamesType), texts
// or URIs (NonEmptyMultiLangURIListType), in document order.
type MultiLang []LangString

// English returns the English value (clause 5.1.4 makes English
// mandatory for names), else the first one, else "": how a name is shown
// in reports and file names.
func (m MultiLang) English() string {
	if v := m.Get("en"); v != "" {
		return v
	}
	if len(m) > 0 {
		return m[0].Value
	}
	return ""
}

// Get returns the value for lang, or "" when there is none.
func (m MultiLang) Get(lang string) string {
	for _, s := range m {
		if s.Lang == lang {
			return s.Value
		}
	}
	return ""
}

// An Address is SchemeOperatorAddress or TSPAddress (AddressType).
// See TS 119 612 clauses 5.3.5 and 5.4.3.
type Address struct {
	Postal     []PostalAddress
	Electronic MultiLang // ElectronicAddress/URI values
}

// A PostalAddress is one PostalAddress element, one per language.
type PostalAddress struct {
	Lang            string
	StreetAddress   string
	Locality        string
	StateOrProvince string // optional
	PostalCode      string // optional
	CountryName     string
}

// A PolicyOrLegalNotice holds either policy URIs or legal-notice texts
// (an XSD choice). See TS 119 612 clause 5.3.11.
type PolicyOrLegalNotice struct {
	Policies     MultiLang // TSLPolicy (URIs)
	LegalNotices MultiLang // TSLLegalNotice (texts)
}

// A Pointer is one OtherTSLPointer. See TS 119 612 clause 5.3.13.
type Pointer struct {
	// Identities is ServiceDigitalIdentities: the signers accepted for the
	// pointed list, one DigitalIdentity per ServiceDigitalIdentity element.
	Identities []DigitalIdentity
	Location   string
	// AdditionalInformation keeps the order of TextualInformation and
	// OtherInformation elements; nil when the element is absent.
	AdditionalInformation []PointerInfo
}

// A PointerInfo is one child of a pointer's AdditionalInformation: either
// a TextualInformation text or an OtherInformation element.
type PointerInfo struct {
	Textual *LangString
	Other   *OtherInformation
}

// An OtherInformation holds the one qualifier it carries. Exactly one field
// is set; XML keeps any content that is not one of the known qualifiers
// (for example the EU LOTL's mra: elements) verbatim.
type OtherInformation struct {
	TSLType                  string
	SchemeOperatorName       MultiLang
	SchemeTypeCommunityRules MultiLang
	SchemeTerritory          string
	MimeType                 string // tslx:MimeType
	XML                      string
}

// A TSP is one TrustServiceProvider. See TS 119 612 clause 5.4.
type TSP struct {
	Name           MultiLang   // 5.4.1
	TradeName      MultiLang   // 5.4.2 (nil: absent)
	Address        Address     // 5.4.3
	InformationURI MultiLang   // 5.4.4
	Extensions     []Extension // 5.4.5 TSPInformationExtensions
	Services       []Service   // 5.4.6
}

// A Service is one TSPService: its current ServiceInformation and its
// ServiceHistory. See TS 119 612 clauses 5.5 and 5.6.
type Service struct {
	Type                       string          // 5.5.1 ServiceTypeIdentifier
	Name                       MultiLang       // 5.5.2
	Identity                   DigitalIdentity // 5.5.3 ServiceDigitalIdentity
	Status                     string          // 5.5.4
	StatusStartingTime         time.Time       // 5.5.5
	SchemeServiceDefinitionURI MultiLang       // 5.5.6
	SupplyPoints               []SupplyPoint   // 5.5.7
	TSPServiceDefinitionURI    MultiLang       // 5.5.8
	Extensions                 []Extension     // 5.5.9 ServiceInformationExtensions
	// History is ServiceHistory, newest first (5.5.10). HistoryPresent
	// records an empty ServiceHistory element, which the XSD allows.
	History        []HistoryInstance
	HistoryPresent bool
}

// A SupplyPoint is one ServiceSupplyPoint, with its optional type attribute
// (added by TS 119 612 v2.2.1). See clause 5.5.7.
type SupplyPoint struct {
	URI  string
	Type string
}

// A HistoryInstance is one ServiceHistoryInstance. See TS 119 612 clause 5.6.
type HistoryInstance struct {
	Type               string
	Name               MultiLang
	Identity           DigitalIdentity
	Status             string
	StatusStartingTime time.Time
	Extensions         []Extension
}

// A DigitalIdentity is a ServiceDigitalIdentity: a list of DigitalId
// elements that all name one public key. See TS 119 612 clause 5.5.3.
type DigitalIdentity []DigitalID

// A DigitalID is one DigitalId element; exactly one field is set.
type DigitalID struct {
	Certificate []byte // X509Certificate, DER
	SubjectName string // X509SubjectName
	KeyValue    string // ds:KeyValue element, verbatim XML
	SKI         []byte // X509SKI
	// Other is DigitalId/Other, verbatim inner XML; OtherPresent tells an
	// empty Other element from none.
	Other        string
	OtherPresent bool
}

// An Extension is one Extension element of SchemeExtensions,
// TSPInformationExtensions or ServiceInformationExtensions. Exactly one
// content field is set; XML keeps unknown content verbatim (inner XML of
// the Extension element) so that a list is never silently truncated.
// See TS 119 612 clauses 5.3.17, 5.4.5 and 5.5.9.
type Extension struct {
	Critical bool

	AdditionalServiceInformation *AdditionalServiceInformation // 5.5.9.4
	Qualifications               []QualificationElement        // 5.5.9.2
	TakenOverBy                  *TakenOverBy                  // 5.5.9.3
	ExpiredCertsRevocationInfo   *time.Time                    // 5.5.9.1
	XML                          string
}

// An AdditionalServiceInformation is the extension of TS 119 612 clause
// 5.5.9.4.
type AdditionalServiceInformation struct {
	URI              LangString
	InformationValue string // optional
	OtherInformation string // optional, verbatim inner XML
	OtherPresent     bool
}

// A QualificationElement is one ecc:QualificationElement of the
// Qualifications extension. See TS 119 612 clause 5.5.9.2.
type QualificationElement struct {
	Qualifiers []string // Qualifier/@uri values
	Criteria   CriteriaList
}

// A CriteriaList is an ecc:CriteriaList. Every child kind is a slice:
// the schema allows any number of each, and all of them count.
type CriteriaList struct {
	Assert       string // all | atLeastOne | none
	KeyUsage     []KeyUsage
	PolicySets   [][]ObjectIdentifier // PolicySet/PolicyIdentifier
	CriteriaList []CriteriaList       // nested
	Description  string
	// Other is otherCriteriaList; nil when absent.
	Other *OtherCriteria
}

// A KeyUsage is one ecc:KeyUsage element: a set of KeyUsageBit values.
type KeyUsage []KeyUsageBit

// A KeyUsageBit is one ecc:KeyUsageBit: a named bit and its required value.
type KeyUsageBit struct {
	Name  string
	Value bool
}

// OtherCriteria is ecc:otherCriteriaList. Items keep document order.
type OtherCriteria struct {
	Items []OtherCriterion
}

// An OtherCriterion is one child of otherCriteriaList; exactly one field is
// set.
type OtherCriterion struct {
	ExtendedKeyUsage       []ObjectIdentifier // tslx:ExtendedKeyUsage/KeyPurposeId
	CertSubjectDNAttribute []ObjectIdentifier // tslx:CertSubjectDNAttribute/AttributeOID
	QcStatementSet         []QcStatement      // mra:QcStatementSet (MRA schema; EU DSS reads it in any CriteriaList)
	XML                    string
}

// A QcStatement is one mra:QcStatement: a QC statement the certificate
// must carry, optionally with the QcType or the QcCClegislation country it
// must state (at most one of the two: the schema's choice).
type QcStatement struct {
	ID              ObjectIdentifier  // QcStatementId
	QcType          *ObjectIdentifier // QcStatementInfo/QcType
	QcCClegislation *string           // QcStatementInfo/QcCClegislation
}

// An ObjectIdentifier is xades:ObjectIdentifierType (used for policy
// identifiers, key purposes and DN attribute OIDs).
type ObjectIdentifier struct {
	Identifier              string
	Qualifier               string // OIDAsURI | OIDAsURN | ""
	Description             string
	DocumentationReferences []string
}

// A TakenOverBy is the tslx:TakenOverBy extension. See TS 119 612 clause
// 5.5.9.3.
type TakenOverBy struct {
	URI                LangString
	TSPName            MultiLang
	SchemeOperatorName MultiLang
	SchemeTerritory    string
	OtherQualifiers    []string // verbatim inner XML of each OtherQualifier
}
