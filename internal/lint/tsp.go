package lint

import (
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/source"
)

// Rules on TSP information (TS 119 612 clause 5.4) and on electronic
// addresses (clause 5.3.5.2, annex B.0).

// regID is the form of an official registration identifier in
// TSPTradeName (clause 5.4.2): type, country code, hyphen, identifier.
var regID = regexp.MustCompile(`^(VAT|NTR|PAS|IDC|PNO|TIN)([A-Z]{2})-(\S.*)$`)

// regIDLoose matches the usual slips in that form (no hyphen, a space or
// colon instead, lower case country), so the fix can give the right form.
var regIDLoose = regexp.MustCompile(`^(VAT|NTR|PAS|IDC|PNO|TIN)([A-Za-z]{2})[ :]?-?\s*(\S.*)$`)

// ValidCorporateNumber reports whether s is a Japanese corporate number
// (法人番号): 13 digits whose first is the check digit.
func ValidCorporateNumber(s string) bool {
	d, ok := corporateCheckDigit(s)
	return ok && int(s[0]-'0') == d
}

// corporateCheckDigit computes the check digit of a 13-digit corporate
// number from its other twelve: 9 − (Σ Pn×Qn mod 9), Pn the n-th digit
// counted from the right and Qn 1 for odd n, 2 for even n (Order of the
// Ministry of Finance No. 70 of 2014, article 2).
func corporateCheckDigit(s string) (int, bool) {
	if len(s) != 13 || strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
		return 0, false
	}
	sum := 0
	for n := 1; n <= 12; n++ {
		q := 1
		if n%2 == 0 {
			q = 2
		}
		sum += int(s[13-n]-'0') * q
	}
	return 9 - sum%9, true
}

func tradeNameID(p *Pass) {
	jp := p.Set.List.Scheme.Territory == "JP"
	for i := range p.Set.List.Providers {
		t := &p.Set.List.Providers[i]
		if len(t.TradeName) == 0 {
			continue // JTSL025
		}
		f := p.loc(t)
		ids, malformed, corporate := 0, 0, false
		for k, n := range t.TradeName {
			if !hasRegPrefix(n.Value) {
				continue
			}
			at := p.loc(&t.TradeName[k])
			m := regID.FindStringSubmatch(n.Value)
			if m == nil {
				malformed++
				want := ""
				if l := regIDLoose.FindStringSubmatch(n.Value); l != nil {
					want = l[1] + strings.ToUpper(l[2]) + "-" + l[3]
				}
				p.at(at, fix("write type, country code, hyphen and identifier", want),
					"%q starts like a registration identifier, which consumers read it as (DSS rule R27), but is not type + country code + '-' + identifier such as %s (clause 5.4.2)", n.Value, regIDExample(p.Set.List.Scheme.Territory, t))
				continue
			}
			ids++
			if !jp || m[1] != "NTR" || m[2] != "JP" {
				continue
			}
			// J-TSL policy: the registration identifier of a Japanese
			// legal person is its corporate number (法人番号).
			corporate = true
			switch d, ok := corporateCheckDigit(m[3]); {
			case !ok:
				p.at(at, fix("write the 13-digit corporate number", "NTRJP-<13 digits>"),
					"%q: a corporate number (法人番号) has 13 digits, not %q", n.Value, m[3])
			case int(m[3][0]-'0') != d:
				p.at(at, fix("check the corporate number against the National Tax Agency's register", ""),
					"%q: the check digit (first digit) of corporate number %s should be %d for the twelve digits that follow it; one of the digits is wrong", n.Value, m[3], d)
			}
		}
		switch {
		case ids == 0 && malformed == 0:
			p.at(f.Key("trade_name"), fix("add the registration identifier", regIDExample(p.Set.List.Scheme.Territory, t)),
				"TSPTradeName has no registration identifier: VAT, NTR, PAS, IDC, PNO or TIN + country code + '-' + identifier (clause 5.4.2)")
		case jp && ids > 0 && !corporate:
			p.at(f.Key("trade_name"), fix("add the corporate number", "NTRJP-<13-digit corporate number>"),
				"a TSP of the J-TSL is identified by its corporate number (法人番号) as NTRJP-<13 digits>")
		}
	}
}

func hasRegPrefix(v string) bool {
	for _, t := range model.RegistrationIDTypes {
		if strings.HasPrefix(v, t) {
			return true
		}
	}
	return false
}

// regIDExample suggests the form of the registration identifier for a TSP.
func regIDExample(territory string, t *model.TSP) string {
	if territory == "JP" {
		return "NTRJP-<13-digit corporate number>"
	}
	cc := orCC(territory)
	for _, a := range t.Address.Postal {
		if a.Lang == "en" && country.MatchString(a.CountryName) {
			cc = a.CountryName
		}
	}
	return "VAT" + cc + "-<VAT number> or NTR" + cc + "-<register number>"
}

func electronicAddress(p *Pass) {
	kinds := func(m model.MultiLang) (mail, web bool) {
		for _, u := range m {
			v := strings.ToLower(u.Value)
			mail = mail || strings.HasPrefix(v, "mailto:")
			web = web || strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "https://")
		}
		return mail, web
	}
	for _, lf := range p.langFields() {
		if !lf.electronic {
			continue
		}
		mail, web := kinds(lf.m)
		if !mail {
			p.at(lf.at, fix("add an e-mail address", "- en: mailto:…"),
				"the electronic address has no mailto: URI: an e-mail address and a web site are both mandatory (clause 5.3.5.2, annex B.0)")
		}
		if !web {
			p.at(lf.at, fix("add a web site", "- en: https://…"),
				"the electronic address has no http(s): URI: an e-mail address and a web site are both mandatory (clause 5.3.5.2, annex B.0)")
		}
	}
}

// duplicateTSP reports a TSP listed twice: two files with the same English
// name or the same registration identifier.
func duplicateTSP(p *Pass) {
	type first struct {
		file string
		pos  diag.Pos
	}
	seen := map[string]first{}
	for i := range p.Set.List.Providers {
		t := &p.Set.List.Providers[i]
		f := p.Set.TSP(i)
		keys := map[string]source.Loc{} // one per TSP
		if k := indexOfLang(t.Name, "en"); k >= 0 && t.Name[k].Value != "" {
			keys["the name "+t.Name[k].Value] = p.loc(&t.Name[k])
		}
		for k, n := range t.TradeName {
			if regID.MatchString(n.Value) {
				if _, ok := keys["the registration identifier "+n.Value]; !ok {
					keys["the registration identifier "+n.Value] = p.loc(&t.TradeName[k])
				}
			}
		}
		for _, key := range slices.Sorted(maps.Keys(keys)) {
			at := keys[key]
			if fst, ok := seen[key]; ok && fst.file != f.Path {
				p.report(at, fix("merge the two files into one TSP", ""), []diag.Related{{Pos: fst.pos, Message: "first listed here"}},
					"the TSP with %s is already listed in %s: a TSP appears once, with all its services (clause 5.4)", key, fst.file)
				continue
			}
			seen[key] = first{f.Path, at.Pos()}
		}
	}
}

// indexOfLang returns the index of the first value in lang (the one
// MultiLang.Get returns), or -1.
func indexOfLang(m model.MultiLang, lang string) int {
	for k, v := range m {
		if v.Lang == lang {
			return k
		}
	}
	return -1
}
