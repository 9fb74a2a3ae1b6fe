package lint

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/jtsl/jtsl/internal/source"
)

// Rules on languages and country codes (TS 119 612 clauses 5.1.4, 5.1.5).

func englishPresent(p *Pass) {
	for _, lf := range p.langFields() {
		if lf.m.Get("en") != "" {
			continue
		}
		fx := fix("add an English (or romanised) value", "")
		if lf.uri && len(lf.m) > 0 {
			// A URI is the same in every language: tag one English too.
			fx = fix("add the URI in English", "en: "+lf.m[0].Value)
		}
		p.at(lf.f, lf.path, fx, "no English value: every multilingual field has an en value (clause 5.1.4)")
	}
	for _, pr := range postals(p.Set) {
		en := false
		for _, a := range pr.all {
			en = en || a.Lang == "en"
		}
		if !en && len(pr.all) > 0 {
			p.at(pr.f, pr.path, fix("add the address in English (or romanised)", "en: {street: …, locality: …, country: …}"),
				"no English postal address: the postal address is given in English at least (clause 5.1.4)")
		}
	}
}

// country is a country code of clause 5.1.5: ISO 3166-1 alpha-2 in upper
// case (with the exceptions EL, UK and EU), optionally a region after '-'.
var country = regexp.MustCompile(`^[A-Z]{2}(-[A-Z0-9]{1,3})?$`)

func countryCodes(p *Pass) {
	check := func(f *source.File, path, cc string) {
		if cc != "" && !country.MatchString(cc) {
			want := strings.ToUpper(strings.TrimSpace(cc))
			if !country.MatchString(want) {
				want = ""
			}
			p.at(f, path, fix("write the country code in upper case", want),
				"%q is not an ISO 3166-1 alpha-2 country code in upper case (clause 5.1.5)", cc)
		}
	}
	sc := p.Set.Scheme()
	check(sc, "territory", p.Set.List.Scheme.Territory)
	for i, ptr := range p.Set.List.Scheme.Pointers {
		for k, info := range ptr.AdditionalInformation {
			if o := info.Other; o != nil {
				check(sc, fmt.Sprintf("pointers[%d].additional_information[%d].scheme_territory", i, k), o.SchemeTerritory)
			}
		}
	}
	for _, pr := range postals(p.Set) {
		for k, a := range pr.all {
			check(pr.f, postalPath(pr.f, pr.path, k, a.Lang)+".country", a.CountryName)
		}
	}
	for _, e := range extensions(p.Set) {
		if tob := e.ext.TakenOverBy; tob != nil {
			check(e.f, e.path+".taken_over_by.scheme_territory", tob.SchemeTerritory)
		}
	}
}

func langTagCase(p *Pass) {
	// The path is found only for a finding: positions cost more than
	// the check.
	check := func(f *source.File, path func() string, lang string) {
		if lang != strings.ToLower(lang) {
			p.at(f, path(), fix("write the language tag in lower case", strings.ToLower(lang)),
				"language tag %q is not in lower case (clause 5.1.4)", lang)
		}
	}
	for _, lf := range p.langFields() {
		for k, v := range lf.m {
			check(lf.f, func() string { return langPath(lf.f, lf.path, k, v.Lang) }, v.Lang)
		}
	}
	for _, pr := range postals(p.Set) {
		for k, a := range pr.all {
			check(pr.f, func() string {
				path := postalPath(pr.f, pr.path, k, a.Lang)
				return deepest(pr.f, path, path+".lang")
			}, a.Lang)
		}
	}
	for _, e := range extensions(p.Set) {
		if a := e.ext.AdditionalServiceInformation; a != nil {
			check(e.f, func() string { return e.path + ".additional_service_information.uri." + a.URI.Lang }, a.URI.Lang)
		}
	}
}
