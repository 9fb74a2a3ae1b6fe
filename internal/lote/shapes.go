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

// convert maps f over in; nil stays nil.
func convert[T, U any](in []T, f func(T) U) []U {
	if in == nil {
		return nil
	}
	out := make([]U, 0, len(in))
	for _, x := range in {
		out = append(out, f(x))
	}
	return out
}

// LangValues converts a multilingual value (nil: nil).
func LangValues(m model.MultiLang) []LangValue {
	return convert(m, func(s model.LangString) LangValue { return LangValue{s.Lang, s.Value} })
}

// LangURIs converts multilingual URIs (nil: nil).
func LangURIs(m model.MultiLang) []LangURI {
	return convert(m, func(s model.LangString) LangURI { return LangURI{s.Lang, s.Value} })
}

// Postals converts postal addresses (none: nil).
func Postals(ps []model.PostalAddress) []Postal {
	if len(ps) == 0 {
		return nil
	}
	return convert(ps, func(p model.PostalAddress) Postal {
		return Postal{p.Lang, p.StreetAddress, p.Locality, p.StateOrProvince, p.PostalCode, p.CountryName}
	})
}

// Multi converts multiLangStrings back (nil: nil).
func Multi(v []LangValue) model.MultiLang {
	return convert(v, func(x LangValue) model.LangString { return model.LangString{Lang: x.Lang, Value: x.Value} })
}

// MultiURI converts NonEmptyMultiLangURIs back (nil: nil).
func MultiURI(v []LangURI) model.MultiLang {
	return convert(v, func(x LangURI) model.LangString { return model.LangString{Lang: x.Lang, Value: x.URIValue} })
}

// PostalsOf converts postal addresses back (none: nil).
func PostalsOf(ps []Postal) []model.PostalAddress {
	if len(ps) == 0 {
		return nil
	}
	return convert(ps, func(p Postal) model.PostalAddress {
		return model.PostalAddress{Lang: p.Lang, StreetAddress: p.StreetAddress, Locality: p.Locality,
			StateOrProvince: p.StateOrProvince, PostalCode: p.PostalCode, CountryName: p.Country}
	})
}
