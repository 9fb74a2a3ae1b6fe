package mirror

import "github.com/jtsl/jtsl/internal/lote"

// The shapes TS 119 602's JSON binding shares with lists of trusted
// entities are package lote's.
type (
	langValue       = lote.LangValue
	langURI         = lote.LangURI
	operatorAddress = lote.OperatorAddress
	teAddress       = lote.TEAddress
	pkiOb           = lote.PkiOb
	supplyPoint     = lote.SupplyPoint
	postal          = lote.Postal
)

// JSON shapes of the TS 119 602 binding, in schema order.

type document struct {
	LoTE loteMember `json:"LoTE"`
}

type loteMember struct {
	ListAndSchemeInformation schemeInfo      `json:"ListAndSchemeInformation"`
	TrustedEntitiesList      []trustedEntity `json:"TrustedEntitiesList,omitempty"`
}

type policyItem struct {
	Policy      *langURI `json:"LoTEPolicy,omitempty"`
	LegalNotice *string  `json:"LoTELegalNotice,omitempty"`
	Lang        string   `json:"lang,omitempty"` // of a legal notice
}

type qualifier struct {
	LoTEType                 string      `json:"LoTEType"`
	SchemeOperatorName       []langValue `json:"SchemeOperatorName"`
	SchemeTypeCommunityRules []langURI   `json:"SchemeTypeCommunityRules,omitempty"`
	SchemeTerritory          string      `json:"SchemeTerritory,omitempty"`
	MimeType                 string      `json:"MimeType"`
}

type pointer struct {
	Location   string      `json:"LoTELocation"`
	Identities []sdi       `json:"ServiceDigitalIdentities"`
	Qualifiers []qualifier `json:"LoTEQualifiers"`
}

type sdi struct {
	X509Certificates []pkiOb          `json:"X509Certificates,omitempty"`
	X509SubjectNames []string         `json:"X509SubjectNames,omitempty"`
	PublicKeyValues  []map[string]any `json:"PublicKeyValues,omitempty"`
	X509SKIs         []string         `json:"X509SKIs,omitempty"`
	OtherIds         []string         `json:"OtherIds,omitempty"`
	// jtsl members (see the package documentation).
	Order          string     `json:"jtslOrder,omitempty"`
	KeyValues      []string   `json:"jtslKeyValues,omitempty"`
	AdditionalInfo []infoItem `json:"jtslAdditionalInformation,omitempty"`
	NoIdentities   bool       `json:"jtslNoIdentities,omitempty"`
}

type infoItem struct {
	Textual                  *langValue  `json:"TextualInformation,omitempty"`
	TSLType                  string      `json:"TSLType,omitempty"`
	SchemeOperatorName       []langValue `json:"SchemeOperatorName,omitempty"`
	SchemeTypeCommunityRules []langURI   `json:"SchemeTypeCommunityRules,omitempty"`
	SchemeTerritory          string      `json:"SchemeTerritory,omitempty"`
	MimeType                 string      `json:"MimeType,omitempty"`
	XML                      *string     `json:"XML,omitempty"`
}

type schemeInfo struct {
	VersionIdentifier           int             `json:"LoTEVersionIdentifier"`
	SequenceNumber              int             `json:"LoTESequenceNumber"`
	Type                        string          `json:"LoTEType"`
	OperatorName                []langValue     `json:"SchemeOperatorName"`
	OperatorAddress             operatorAddress `json:"SchemeOperatorAddress"`
	Name                        []langValue     `json:"SchemeName"`
	InformationURI              []langURI       `json:"SchemeInformationURI"`
	StatusDeterminationApproach string          `json:"StatusDeterminationApproach"`
	CommunityRules              []langURI       `json:"SchemeTypeCommunityRules,omitempty"`
	Territory                   string          `json:"SchemeTerritory,omitempty"`
	Policy                      []policyItem    `json:"PolicyOrLegalNotice,omitempty"`
	HistoricalInformationPeriod int             `json:"HistoricalInformationPeriod"`
	Pointers                    []pointer       `json:"PointersToOtherLoTE,omitempty"`
	ListIssueDateTime           string          `json:"ListIssueDateTime"`
	NextUpdate                  string          `json:"NextUpdate"`
	DistributionPoints          []string        `json:"DistributionPoints,omitempty"`
	Extensions                  []extension     `json:"SchemeExtensions,omitempty"`
}

type listInfo struct {
	TSLVersionIdentifier int    `json:"TSLVersionIdentifier"`
	TSLTag               string `json:"TSLTag"`
	ID                   string `json:"Id,omitempty"`
	Closed               bool   `json:"Closed,omitempty"`
	NoProviderList       bool   `json:"NoTrustServiceProviderList,omitempty"`
	Extensions           bool   `json:"SchemeExtensions,omitempty"`
	CommunityRulesEmpty  bool   `json:"-"`
}

type extension struct {
	Critical                     *bool           `json:"Critical,omitempty"`
	AdditionalServiceInformation *additionalInfo `json:"AdditionalServiceInformation,omitempty"`
	Qualifications               []qualification `json:"Qualifications,omitempty"`
	TakenOverBy                  *takenOverBy    `json:"TakenOverBy,omitempty"`
	ExpiredCertsRevocationInfo   string          `json:"ExpiredCertsRevocationInfo,omitempty"`
	XML                          *string         `json:"XML,omitempty"`
	ListInformation              *listInfo       `json:"jtslListInformation,omitempty"`
}

type additionalInfo struct {
	URI              langURI `json:"URI"`
	InformationValue string  `json:"InformationValue,omitempty"`
	OtherInformation *string `json:"OtherInformation,omitempty"`
}

type qualification struct {
	Qualifiers []string `json:"Qualifiers"`
	Criteria   criteria `json:"CriteriaList"`
}

type criteria struct {
	Assert       string          `json:"assert,omitempty"`
	KeyUsage     [][]keyUsageBit `json:"KeyUsage,omitempty"`
	PolicySets   [][]oid         `json:"PolicySet,omitempty"`
	CriteriaList []criteria      `json:"CriteriaList,omitempty"`
	Description  string          `json:"Description,omitempty"`
	Other        *[]otherCrit    `json:"otherCriteriaList,omitempty"`
}

type keyUsageBit struct {
	Name  string `json:"name"`
	Value bool   `json:"value"`
}

type oid struct {
	Identifier              string    `json:"Identifier"`
	Qualifier               string    `json:"Qualifier,omitempty"`
	Description             string    `json:"Description,omitempty"`
	DocumentationReferences *[]string `json:"DocumentationReferences,omitempty"`
}

type otherCrit struct {
	ExtendedKeyUsage       []oid   `json:"ExtendedKeyUsage,omitempty"`
	CertSubjectDNAttribute []oid   `json:"CertSubjectDNAttribute,omitempty"`
	XML                    *string `json:"XML,omitempty"`
}

type takenOverBy struct {
	URI                langURI     `json:"URI"`
	TSPName            []langValue `json:"TSPName"`
	SchemeOperatorName []langValue `json:"SchemeOperatorName"`
	SchemeTerritory    string      `json:"SchemeTerritory"`
	OtherQualifiers    []string    `json:"OtherQualifier,omitempty"`
}

type trustedEntity struct {
	Information teInfo      `json:"TrustedEntityInformation"`
	Services    []teService `json:"TrustedEntityServices"`
}

type teInfo struct {
	Name           []langValue `json:"TEName"`
	TradeName      []langValue `json:"TETradeName,omitempty"`
	Address        teAddress   `json:"TEAddress"`
	InformationURI []langURI   `json:"TEInformationURI"`
	Extensions     []extension `json:"TEInformationExtensions,omitempty"`
}

type teService struct {
	Information serviceInfo       `json:"ServiceInformation"`
	History     []historyInstance `json:"ServiceHistory,omitempty"`
	// jtslEmptyHistory records an empty ServiceHistory element.
	EmptyHistory bool `json:"-"`
}

type serviceInfo struct {
	Name                       []langValue   `json:"ServiceName"`
	Identity                   sdi           `json:"ServiceDigitalIdentity"`
	Type                       string        `json:"ServiceTypeIdentifier"`
	Status                     string        `json:"ServiceStatus"`
	StatusStartingTime         string        `json:"StatusStartingTime"`
	SchemeServiceDefinitionURI []langURI     `json:"SchemeServiceDefinitionURI,omitempty"`
	SupplyPoints               []supplyPoint `json:"ServiceSupplyPoints,omitempty"`
	TSPServiceDefinitionURI    []langURI     `json:"ServiceDefinitionURI,omitempty"`
	Extensions                 []extension   `json:"ServiceInformationExtensions,omitempty"`
}

type historyInstance struct {
	Name               []langValue `json:"ServiceName"`
	Identity           sdi         `json:"ServiceDigitalIdentity"`
	Status             string      `json:"ServiceStatus"`
	StatusStartingTime string      `json:"StatusStartingTime"`
	Type               string      `json:"ServiceTypeIdentifier"`
	Extensions         []extension `json:"ServiceInformationExtensions,omitempty"`
}
