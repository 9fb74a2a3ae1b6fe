package mirror

import "github.com/jtsl/jtsl/internal/model"

// The TS 119 602 JSON shapes that package lote reads and writes too, for
// lists of trusted entities, with their conversions to and from the model:
// one definition of each.
type (
	// LangValue is a multiLangString: {"lang", "value"}.
	LangValue = langValue
	// LangURI is a NonEmptyMultiLangURI: {"lang", "uriValue"}.
	LangURI = langURI
	// Postal is a PostalAddress (CountryName is "Country").
	Postal = postal
	// OperatorAddress is SchemeOperatorAddress.
	OperatorAddress = operatorAddress
	// TEAddress is a trusted entity's TEAddress.
	TEAddress = teAddress
	// PkiOb is an X509Certificates item: {"val": base64 DER}.
	PkiOb = pkiOb
	// SupplyPoint is a ServiceSupplyPointURI.
	SupplyPoint = supplyPoint
)

// LangValues converts a multilingual value to multiLangStrings (nil: nil).
func LangValues(m model.MultiLang) []LangValue { return langValues(m) }

// LangURIs converts multilingual URIs to NonEmptyMultiLangURIs (nil: nil).
func LangURIs(m model.MultiLang) []LangURI { return langURIs(m) }

// Postals converts postal addresses.
func Postals(ps []model.PostalAddress) []Postal { return postals(ps) }

// Multi converts multiLangStrings back (nil: nil).
func Multi(v []LangValue) model.MultiLang { return multi(v) }

// MultiURI converts NonEmptyMultiLangURIs back (nil: nil).
func MultiURI(v []LangURI) model.MultiLang { return multiURI(v) }

// PostalsOf converts postal addresses back.
func PostalsOf(ps []Postal) []model.PostalAddress { return postalsOf(ps) }

// JWKOf renders a ds:KeyValue as a JWK (RFC 7517), PublicKeyValues' form;
// a key it cannot express is {"kty": "oct", "jtslUnconverted": true}.
func JWKOf(keyValueXML string) map[string]any { return jwkOf(keyValueXML) }
