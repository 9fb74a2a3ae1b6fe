package lote

import "github.com/jtsl/jtsl/internal/model"

// The JSON binding's shapes of TS 119 612's shared types, with their
// conversions to and from the model: the J-TSL's JSON mirror (package
// mirror) writes them too, so they are defined once, here.

// LangValue is a multiLangString: {"lang", "value"}.
type LangValue struct {
	Lang  string `json:"lang"`
	Value string `json:"value"`
}

// LangURI is a NonEmptyMultiLangURI: {"lang", "uriValue"}.
type LangURI struct {
	Lang     string `json:"lang"`
	URIValue string `json:"uriValue"`
}

// Postal is a PostalAddress (the XML binding's CountryName is Country).
type Postal struct {
	Lang            string `json:"lang"`
	StreetAddress   string `json:"StreetAddress"`
	Locality        string `json:"Locality,omitempty"`
	StateOrProvince string `json:"StateOrProvince,omitempty"`
	PostalCode      string `json:"PostalCode,omitempty"`
	Country         string `json:"Country"`
}

// OperatorAddress is SchemeOperatorAddress.
type OperatorAddress struct {
	Postal     []Postal  `json:"SchemeOperatorPostalAddress"`
	Electronic []LangURI `json:"SchemeOperatorElectronicAddress"`
}

// TEAddress is a trusted entity's address.
type TEAddress struct {
	Postal     []Postal  `json:"TEPostalAddress"`
	Electronic []LangURI `json:"TEElectronicAddress"`
}

// PkiOb is an X509Certificates item: {"val": base64 DER}.
type PkiOb struct {
	Val string `json:"val"`
}

// SupplyPoint is a ServiceSupplyPointURI.
type SupplyPoint struct {
	ServiceType string `json:"ServiceType,omitempty"`
	URIValue    string `json:"uriValue"`
}

// LangValues converts a multilingual value (nil: nil).
func LangValues(m model.MultiLang) []LangValue {
	if m == nil {
		return nil
	}
	out := make([]LangValue, 0, len(m))
	for _, s := range m {
		out = append(out, LangValue{s.Lang, s.Value})
	}
	return out
}

// LangURIs converts multilingual URIs (nil: nil).
func LangURIs(m model.MultiLang) []LangURI {
	if m == nil {
		return nil
	}
	out := make([]LangURI, 0, len(m))
	for _, s := range m {
		out = append(out, LangURI{s.Lang, s.Value})
	}
	return out
}

// Postals converts postal addresses.
func Postals(ps []model.PostalAddress) []Postal {
	var out []Postal
	for _, p := range ps {
		out = append(out, Postal{p.Lang, p.StreetAddress, p.Locality, p.StateOrProvince, p.PostalCode, p.CountryName})
	}
	return out
}

// Multi converts multiLangStrings back (nil: nil).
func Multi(v []LangValue) model.MultiLang {
	if v == nil {
		return nil
	}
	m := model.MultiLang{}
	for _, x := range v {
		m = append(m, model.LangString{Lang: x.Lang, Value: x.Value})
	}
	return m
}

// MultiURI converts NonEmptyMultiLangURIs back (nil: nil).
func MultiURI(v []LangURI) model.MultiLang {
	if v == nil {
		return nil
	}
	m := model.MultiLang{}
	for _, x := range v {
		m = append(m, model.LangString{Lang: x.Lang, Value: x.URIValue})
	}
	return m
}

// PostalsOf converts postal addresses back.
func PostalsOf(ps []Postal) []model.PostalAddress {
	var out []model.PostalAddress
	for _, p := range ps {
		out = append(out, model.PostalAddress{Lang: p.Lang, StreetAddress: p.StreetAddress, Locality: p.Locality,
			StateOrProvince: p.StateOrProvince, PostalCode: p.PostalCode, CountryName: p.Country})
	}
	return out
}
