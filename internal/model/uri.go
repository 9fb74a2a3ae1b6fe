package model

// URI and other constants of ETSI TS 119 612 v2.4.1 (clause 5, annex B and
// annex D), XML-DSig and XAdES. This file is the one place they are spelled.

// Namespaces (annex B.0). "02231" is historical (TS 102 231) and is kept.
const (
	NSTSL      = "http://uri.etsi.org/02231/v2#"
	NSTSLX     = "http://uri.etsi.org/02231/v2/additionaltypes#"
	NSECC      = "http://uri.etsi.org/TrstSvc/SvcInfoExt/eSigDir-1999-93-EC-TrustedList/#"
	NSDS       = "http://www.w3.org/2000/09/xmldsig#"
	NSXAdES    = "http://uri.etsi.org/01903/v1.3.2#"
	NSXAdES141 = "http://uri.etsi.org/01903/v1.4.1#"
	NSMRA      = "http://ec.europa.eu/tools/lotl/mra/schema/v2#"
	NSXML      = "http://www.w3.org/XML/1998/namespace"
)

// TSLTag is the fixed value of the TSLTag attribute (5.2.1).
const TSLTag = "http://uri.etsi.org/19612/TSLTag"

// Version identifiers (5.3.1).
const (
	Version5 = 5 // TS 119 612 v2.1.1 / v2.2.1
	Version6 = 6 // TS 119 612 v2.3.1 / v2.4.1
)

// HistoricalInformationPeriodForever means history is never removed (5.3.12).
const HistoricalInformationPeriodForever = 65535

// Prefixes of the URI families of annex D; a country code or a leaf name
// is appended.
const (
	TSLTypePrefix     = "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/"
	StatusDetnPrefix  = "http://uri.etsi.org/TrstSvc/TrustedList/StatusDetn/"
	SchemeRulesPrefix = "http://uri.etsi.org/TrstSvc/TrustedList/schemerules/"
	SvcTypePrefix     = "http://uri.etsi.org/TrstSvc/Svctype/"
	SvcStatusPrefix   = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/"
	SvcInfoExtPrefix  = "http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/"
)

// TSL types (5.3.3, D.3, D.6).
const (
	TSLTypeEUGeneric        = TSLTypePrefix + "EUgeneric"
	TSLTypeEUListOfTheLists = TSLTypePrefix + "EUlistofthelists"
	StatusDetnEUAppropriate = StatusDetnPrefix + "EUappropriate"
	SchemeRulesEUCommon     = SchemeRulesPrefix + "EUcommon"

	// The EU list of the lists' own StatusDetn and schemerules values
	// (D.6), as pointers to the EU LOTL carry them.
	StatusDetnEUListOfTheLists  = StatusDetnPrefix + "EUlistofthelists"
	SchemeRulesEUListOfTheLists = SchemeRulesPrefix + "EUlistofthelists"
)

// CountryListOfTheLists returns the TSLType URI of a non-EU country's list
// of lists (5.3.3).
func CountryListOfTheLists(cc string) string { return TSLTypePrefix + cc + "listofthelists" }

// CountryList returns the TSLType URI of a non-EU country's list (D.6).
func CountryList(cc string) string { return TSLTypePrefix + cc + "list" }

// CountryDetermination returns the StatusDeterminationApproach URI of a
// non-EU country (D.6).
func CountryDetermination(cc string) string { return StatusDetnPrefix + cc + "determination" }

// CountryRules returns the country-specific SchemeTypeCommunityRules URI (D.4).
func CountryRules(cc string) string { return SchemeRulesPrefix + cc }

// Service type identifiers (5.5.1).
const (
	SvcCAQC               = SvcTypePrefix + "CA/QC"
	SvcCAPKC              = SvcTypePrefix + "CA/PKC"
	SvcOCSPQC             = SvcTypePrefix + "Certstatus/OCSP/QC"
	SvcCRLQC              = SvcTypePrefix + "Certstatus/CRL/QC"
	SvcOCSP               = SvcTypePrefix + "Certstatus/OCSP"
	SvcCRL                = SvcTypePrefix + "Certstatus/CRL"
	SvcTSAQTST            = SvcTypePrefix + "TSA/QTST"
	SvcTSA                = SvcTypePrefix + "TSA"
	SvcTSATSSQC           = SvcTypePrefix + "TSA/TSS-QC"
	SvcTSATSSAdESQCandQES = SvcTypePrefix + "TSA/TSS-AdESQCandQES"
	SvcEDSQ               = SvcTypePrefix + "EDS/Q"
	SvcEDSREMQ            = SvcTypePrefix + "EDS/REM/Q"
	SvcEDS                = SvcTypePrefix + "EDS"
	SvcEDSREM             = SvcTypePrefix + "EDS/REM"
	SvcPSESQ              = SvcTypePrefix + "PSES/Q"
	SvcPSES               = SvcTypePrefix + "PSES"
	SvcQESValidationQ     = SvcTypePrefix + "QESValidation/Q"
	SvcAdESValidation     = SvcTypePrefix + "AdESValidation"
	SvcAdESGeneration     = SvcTypePrefix + "AdESGeneration"
	SvcRemoteQSigCDQ      = SvcTypePrefix + "RemoteQSigCDManagement/Q"
	SvcRemoteQSealCDQ     = SvcTypePrefix + "RemoteQSealCDManagement/Q"
	SvcRemoteSigCD        = SvcTypePrefix + "RemoteSigCDManagement"
	SvcRemoteSealCD       = SvcTypePrefix + "RemoteSealCDManagement"
	SvcNationalRootCAQC   = SvcTypePrefix + "NationalRootCA-QC"
	SvcUnspecified        = SvcTypePrefix + "unspecified"
	SvcTLIssuer           = SvcTypePrefix + "TLIssuer"
)

// ServiceTypes lists every service type URI of TS 119 612 v2.4.1 clause
// 5.5.1 (qualified, non-qualified and nationally defined), for spelling
// checks.
var ServiceTypes = []string{
	SvcCAQC, SvcOCSPQC, SvcCRLQC, SvcTSAQTST, SvcEDSQ, SvcEDSREMQ, SvcPSESQ,
	SvcQESValidationQ, SvcRemoteQSigCDQ, SvcRemoteQSealCDQ,
	SvcTypePrefix + "EAA/Q", SvcTypePrefix + "ElectronicArchiving/Q", SvcTypePrefix + "Ledgers/Q",
	SvcCAPKC, SvcOCSP, SvcCRL, SvcTSA, SvcTSATSSQC, SvcTSATSSAdESQCandQES, SvcEDS, SvcEDSREM,
	SvcPSES, SvcAdESValidation, SvcAdESGeneration, SvcRemoteSigCD, SvcRemoteSealCD,
	SvcTypePrefix + "EAA", SvcTypePrefix + "ElectronicArchiving", SvcTypePrefix + "Ledgers",
	SvcTypePrefix + "PKCValidation", SvcTypePrefix + "PKCPreservation", SvcTypePrefix + "EAAValidation",
	SvcTypePrefix + "TSTValidation", SvcTypePrefix + "EDSValidation", SvcTypePrefix + "EAA/Pub-EAA",
	SvcTypePrefix + "CA/PKC/CertsforOtherTypesOfTS", SvcTypePrefix + "PKCValidation/CertsforOtherTypesOfTS",
	SvcTypePrefix + "RA", SvcTypePrefix + "RA/nothavingPKIid", SvcTypePrefix + "ACA",
	SvcTypePrefix + "SignaturePolicyAuthority", SvcTypePrefix + "Archiv", SvcTypePrefix + "Archiv/nothavingPKIid",
	SvcTypePrefix + "IdV", SvcTypePrefix + "IdV/nothavingPKIid", SvcTypePrefix + "KEscrow",
	SvcTypePrefix + "KEscrow/nothavingPKIid", SvcTypePrefix + "PPwd", SvcTypePrefix + "PPwd/nothavingPKIid",
	SvcTLIssuer, SvcNationalRootCAQC, SvcUnspecified,
}

// QualifiedServiceTypes lists the qualified service types of TS 119 612
// v2.4.1 clause 5.5.1.1; their status values are granted and withdrawn
// (5.5.4). Every other type of ServiceTypes is non-qualified (5.5.1.2) or
// nationally defined (5.5.1.3), NationalRootCA-QC and TSA/TSS-QC included.
var QualifiedServiceTypes = []string{
	SvcCAQC, SvcOCSPQC, SvcCRLQC, SvcTSAQTST, SvcEDSQ, SvcEDSREMQ, SvcPSESQ,
	SvcQESValidationQ, SvcRemoteQSigCDQ, SvcRemoteQSealCDQ,
	SvcTypePrefix + "EAA/Q", SvcTypePrefix + "ElectronicArchiving/Q", SvcTypePrefix + "Ledgers/Q",
}

// Service status URIs (5.5.4 and the legacy values kept in history).
const (
	StatusGranted                   = SvcStatusPrefix + "granted"
	StatusWithdrawn                 = SvcStatusPrefix + "withdrawn"
	StatusRecognisedAtNationalLevel = SvcStatusPrefix + "recognisedatnationallevel"
	StatusDeprecatedAtNationalLevel = SvcStatusPrefix + "deprecatedatnationallevel"
)

// ServiceStatuses lists the status URIs of TS 119 612, current and legacy.
var ServiceStatuses = []string{
	StatusGranted, StatusWithdrawn, StatusRecognisedAtNationalLevel, StatusDeprecatedAtNationalLevel,
	SvcStatusPrefix + "undersupervision", SvcStatusPrefix + "supervisionincessation",
	SvcStatusPrefix + "supervisionceased", SvcStatusPrefix + "supervisionrevoked",
	SvcStatusPrefix + "accredited", SvcStatusPrefix + "accreditationceased",
	SvcStatusPrefix + "accreditationrevoked", SvcStatusPrefix + "setbynationallaw",
	SvcStatusPrefix + "deprecatedbynationallaw",
}

// InForceStatuses lists the status URIs under which a service is approved:
// the current granted and recognisedatnationallevel and the legacy values
// that meant the same, as EU DSS counts them (its
// GrantedOrRecognizedAtNationalLevelTrustAnchorPeriodPredicate).
var InForceStatuses = []string{
	StatusGranted, StatusRecognisedAtNationalLevel,
	SvcStatusPrefix + "undersupervision", SvcStatusPrefix + "supervisionincessation",
	SvcStatusPrefix + "accredited", SvcStatusPrefix + "setbynationallaw",
}

// JTSLInForceStatuses are the J-TSL's own statuses under which a service
// is approved (sources/vocabulary.yaml, in_force: true), for readers of
// the published J-TSL, which have no sources: jtsl trust counts them as
// granted. TestInForceStatuses (internal/source) holds the two together.
var JTSLInForceStatuses = []string{
	"https://www.digital.go.jp/trustlist/Svcstatus/accredited",
	"https://www.digital.go.jp/trustlist/Svcstatus/operating",
}

// Additional service information URIs and qualifiers (5.5.9.2, 5.5.9.4).
const (
	InfoForeSignatures           = SvcInfoExtPrefix + "ForeSignatures"
	InfoForeSeals                = SvcInfoExtPrefix + "ForeSeals"
	InfoForWebSiteAuthentication = SvcInfoExtPrefix + "ForWebSiteAuthentication"
	InfoRootCAQC                 = SvcInfoExtPrefix + "RootCA-QC"

	QualQCWithSSCD            = SvcInfoExtPrefix + "QCWithSSCD"
	QualQCNoSSCD              = SvcInfoExtPrefix + "QCNoSSCD"
	QualQCSSCDStatusAsInCert  = SvcInfoExtPrefix + "QCSSCDStatusAsInCert"
	QualQCWithQSCD            = SvcInfoExtPrefix + "QCWithQSCD"
	QualQCNoQSCD              = SvcInfoExtPrefix + "QCNoQSCD"
	QualQCQSCDStatusAsInCert  = SvcInfoExtPrefix + "QCQSCDStatusAsInCert"
	QualQCQSCDManagedOnBehalf = SvcInfoExtPrefix + "QCQSCDManagedOnBehalf"
	QualQCForLegalPerson      = SvcInfoExtPrefix + "QCForLegalPerson"
	QualQCForESig             = SvcInfoExtPrefix + "QCForESig"
	QualQCForESeal            = SvcInfoExtPrefix + "QCForESeal"
	QualQCForWSA              = SvcInfoExtPrefix + "QCForWSA"
	QualNotQualified          = SvcInfoExtPrefix + "NotQualified"
	QualQCStatement           = SvcInfoExtPrefix + "QCStatement"
)

// AdditionalInfoURIs lists the additionalServiceInformation URIs of 5.5.9.4.
var AdditionalInfoURIs = []string{InfoForeSignatures, InfoForeSeals, InfoForWebSiteAuthentication, InfoRootCAQC}

// Qualifiers lists the qualifier URIs of 5.5.9.2.
var Qualifiers = []string{
	QualQCWithSSCD, QualQCNoSSCD, QualQCSSCDStatusAsInCert, QualQCWithQSCD, QualQCNoQSCD,
	QualQCQSCDStatusAsInCert, QualQCQSCDManagedOnBehalf, QualQCForLegalPerson, QualQCForESig,
	QualQCForESeal, QualQCForWSA, QualNotQualified, QualQCStatement,
}

// KeyUsageBits lists the KeyUsageBit names allowed by the sie schema.
var KeyUsageBits = []string{
	"digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment",
	"keyAgreement", "keyCertSign", "crlSign", "encipherOnly", "decipherOnly",
}

// Media types (6.2.1.1) and the EU LOTL location.
const (
	MediaTypeTSL = "application/vnd.etsi.tsl+xml"
	MediaTypePDF = "application/pdf" // a pointed list in its human-readable form (5.3.13)
	EULOTL       = "https://ec.europa.eu/tools/lotl/eu-lotl.xml"
)

// OIDTSLSigning is id-tsl-kp-tslSigning, the EKU of a TLSO certificate (5.7.1).
const OIDTSLSigning = "0.4.0.2231.3.0"

// XML-DSig and XAdES algorithm and type URIs (annex B.1).
const (
	AlgEnveloped           = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
	AlgExcC14N             = "http://www.w3.org/2001/10/xml-exc-c14n#"
	AlgExcC14NWithComments = "http://www.w3.org/2001/10/xml-exc-c14n#WithComments"
	AlgC14N10              = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
	AlgC14N10WithComments  = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments"
	AlgC14N11              = "http://www.w3.org/2006/12/xml-c14n11"
	AlgC14N11WithComments  = "http://www.w3.org/2006/12/xml-c14n11#WithComments"
	AlgXPathFilter         = "http://www.w3.org/TR/1999/REC-xpath-19991116"
	AlgXPathFilter2        = "http://www.w3.org/2002/06/xmldsig-filter2"

	AlgSHA1   = "http://www.w3.org/2000/09/xmldsig#sha1"
	AlgSHA224 = "http://www.w3.org/2001/04/xmldsig-more#sha224"
	AlgSHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
	AlgSHA384 = "http://www.w3.org/2001/04/xmldsig-more#sha384"
	AlgSHA512 = "http://www.w3.org/2001/04/xmlenc#sha512"

	AlgRSASHA1      = "http://www.w3.org/2000/09/xmldsig#rsa-sha1"
	AlgRSASHA256    = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
	AlgRSASHA384    = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384"
	AlgRSASHA512    = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512"
	AlgRSAPSSSHA256 = "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1"
	AlgRSAPSSSHA384 = "http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1"
	AlgRSAPSSSHA512 = "http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1"
	AlgECDSASHA1    = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1"
	AlgECDSASHA256  = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
	AlgECDSASHA384  = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384"
	AlgECDSASHA512  = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512"

	TypeSignedProperties = "http://uri.etsi.org/01903#SignedProperties"
)

// TimeLayout is the date-time form of TS 119 612 clause 5.1.3: UTC, whole
// seconds, designator Z.
const TimeLayout = "2006-01-02T15:04:05Z"
