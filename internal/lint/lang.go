package lint

import (
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
		p.at(lf.at, fx, "no English value: every multilingual field has an en value (clause 5.1.4)")
	}
	for _, pr := range postals(p.Set) {
		en := false
		for _, a := range pr.all {
			en = en || a.Lang == "en"
		}
		if !en && len(pr.all) > 0 {
			p.at(pr.at, fix("add the address in English (or romanised)", "en: {street: …, locality: …, country: …}"),
				"no English postal address: the postal address is given in English at least (clause 5.1.4)")
		}
	}
}

// country is a country code of clause 5.1.5: ISO 3166-1 alpha-2 in upper
// case (with the exceptions EL, UK and EU), optionally a region after '-'.
var country = regexp.MustCompile(`^[A-Z]{2}(-[A-Z0-9]{1,3})?$`)

func countryCodes(p *Pass) {
	check := func(at source.Loc, cc string) {
		if cc != "" && !country.MatchString(cc) {
			want := strings.ToUpper(strings.TrimSpace(cc))
			if !country.MatchString(want) {
				want = ""
			}
			p.at(at, fix("write the country code in upper case", want),
				"%q is not an ISO 3166-1 alpha-2 country code in upper case (clause 5.1.5)", cc)
		}
	}
	sch := &p.Set.List.Scheme
	check(p.loc(sch).Key("territory"), sch.Territory)
	for i := range sch.Pointers {
		for k := range sch.Pointers[i].AdditionalInformation {
			info := &sch.Pointers[i].AdditionalInformation[k]
			if o := info.Other; o != nil {
				check(p.loc(info).Key("scheme_territory"), o.SchemeTerritory)
			}
		}
	}
	for _, pr := range postals(p.Set) {
		for k := range pr.all {
			check(p.loc(&pr.all[k]).Key("country"), pr.all[k].CountryName)
		}
	}
	for _, e := range extensions(p.Set) {
		if tob := e.ext.TakenOverBy; tob != nil {
			check(e.at.Key("taken_over_by.scheme_territory"), tob.SchemeTerritory)
		}
	}
}

func langTagCase(p *Pass) {
	// The location is found only for a finding: it costs more than the
	// check.
	check := func(at func() source.Loc, lang string) {
		if lang != strings.ToLower(lang) {
			p.at(at(), fix("write the language tag in lower case", strings.ToLower(lang)),
				"language tag %q is not in lower case (clause 5.1.4)", lang)
		}
	}
	for _, lf := range p.langFields() {
		for k := range lf.m {
			check(func() source.Loc { return p.loc(&lf.m[k]) }, lf.m[k].Lang)
		}
	}
	for _, pr := range postals(p.Set) {
		for k := range pr.all {
			check(func() source.Loc { return p.loc(&pr.all[k]).Nearest("lang") }, pr.all[k].Lang)
		}
	}
	for _, e := range extensions(p.Set) {
		if a := e.ext.AdditionalServiceInformation; a != nil {
			check(func() source.Loc { return p.loc(&a.URI) }, a.URI.Lang)
		}
	}
}
