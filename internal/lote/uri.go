package lote

// URI and other constants of ETSI TS 119 602 v1.1.1 (clause 6 and the
// annexes of its EU profiles). This file is the one place they are spelled;
// the XML-DSig and XML namespaces are package model's.

// Namespaces of the XML binding (annex A): the LoTE itself, and the
// service and trusted-entity information extensions.
const (
	NS    = "http://uri.etsi.org/019602/v1#"
	NSSIE = "http://uri.etsi.org/019602/v1/ServiceInformationExtensions"
	NSTIE = "http://uri.etsi.org/019602/v1/TrustedEntityExtensions"
)

// Tag is the LOTETag attribute's value (6.2) as EU DSS's LoTE model and
// test vectors write it.
const Tag = "http://uri.etsi.org/019602/tag#"

// Version is the LoTEVersionIdentifier of TS 119 602 v1.1.1 (6.3.1).
const Version = 1

// MIME types of a pointer's qualifier (6.3.13): the two bindings.
const (
	MimeTypeXML  = "application/xml"
	MimeTypeJSON = "application/json"
)

// LoTE types of the EU profiles (6.3.3, annexes D to I). Only the
// Commission may use them; a Japanese list uses its own (Annex C.1).
const (
	TypePrefix             = "http://uri.etsi.org/19602/LoTEType/"
	TypeEUPIDProviders     = TypePrefix + "EUPIDProvidersList"
	TypeEUWalletProviders  = TypePrefix + "EUWalletProvidersList"
	TypeEUWRPACProviders   = TypePrefix + "EUWRPACProvidersList"
	TypeEUWRPRCProviders   = TypePrefix + "EUWRPRCProvidersList"
	TypeEUPubEAAProviders  = TypePrefix + "EUPubEAAProvidersList"
	TypeEUEAAProviders     = TypePrefix + "EUEAAProvidersList"
	TypeEURegistrarsAndReg = TypePrefix + "EURegistrarsAndRegistersList"
)

// Service types of the EU profiles (6.6.1): issuance and revocation of
// each kind. SvcTypePrefix + kind + "/Issuance" or "/Revocation".
const SvcTypePrefix = "http://uri.etsi.org/19602/SvcType/"

// The issuance and revocation service types of each EU profile.
const (
	SvcTypePIDIssuance, SvcTypePIDRevocation       = SvcTypePrefix + "PID/Issuance", SvcTypePrefix + "PID/Revocation"
	SvcTypeWalletIssuance, SvcTypeWalletRevocation = SvcTypePrefix + "WalletSolution/Issuance", SvcTypePrefix + "WalletSolution/Revocation"
	SvcTypeWRPACIssuance, SvcTypeWRPACRevocation   = SvcTypePrefix + "WRPAC/Issuance", SvcTypePrefix + "WRPAC/Revocation"
	SvcTypeWRPRCIssuance, SvcTypeWRPRCRevocation   = SvcTypePrefix + "WRPRC/Issuance", SvcTypePrefix + "WRPRC/Revocation"
	SvcTypePubEAAIssuance, SvcTypePubEAARevocation = SvcTypePrefix + "PubEAA/Issuance", SvcTypePrefix + "PubEAA/Revocation"
	SvcTypeEAAIssuance, SvcTypeEAARevocation       = SvcTypePrefix + "EAA/Issuance", SvcTypePrefix + "EAA/Revocation"
)

// InformationURIPrefix starts the TEInformationURI that the EU profiles
// require of every entity: InformationURIPrefix + kind + "/" + its
// two-letter country (e.g. …/PIDProvider/FR).
const InformationURIPrefix = "http://uri.etsi.org/19602/ListOfTrustedEntities/"
