package lint

import (
	"regexp"
	"strings"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/model"
)

func englishPresent(p *Pass) {
	for _, lf := range langFields(p.Set) {
		if lf.m != nil && lf.m.Get("en") == "" {
			p.at(lf.f, lf.path, &diag.Fix{Message: "add an English (or romanised) value", Value: "en: …"}, "no English value (TS 119 612 clause 5.1.4)")
		}
	}
}

func schemeNamePrefix(p *Pass) {
	cc := p.Set.List.Scheme.Territory
	for _, n := range p.Set.List.Scheme.Name {
		if !strings.HasPrefix(n.Value, cc+":") {
			p.at(p.Set.Scheme(), "name."+n.Lang, &diag.Fix{Message: "prefix the name with the territory", Value: cc + ":" + n.Value},
				"SchemeName %q does not start with %q", n.Value, cc+":")
		}
	}
}

var euTerritories = strings.Fields("AT BE BG CY CZ DE DK EE EL ES FI FR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK EU IS LI NO")

func isEU(cc string) bool {
	for _, t := range euTerritories {
		if t == cc {
			return true
		}
	}
	return false
}

func territoryURIs(p *Pass) {
	s := &p.Set.List.Scheme
	cc := s.Territory
	if isEU(cc) {
		return
	}
	f := p.Set.Scheme()
	check := func(path, got, want, what string) {
		if strings.HasPrefix(got, model.TSLTypePrefix) || strings.HasPrefix(got, model.StatusDetnPrefix) || strings.HasPrefix(got, model.SchemeRulesPrefix) {
			if got != want {
				p.at(f, path, &diag.Fix{Message: "use the " + what + " of territory " + cc, Value: want}, "%s %q does not match territory %s", what, got, cc)
			}
		} else if cc == "JP" {
			p.at(f, path, &diag.Fix{Message: "use the ETSI URI of the J-TSL", Value: want}, "the J-TSL uses the ETSI %s %s", what, want)
		}
	}
	check("type", s.Type, model.CountryList(cc), "TSLType")
	check("status_determination_approach", s.StatusDeterminationApproach, model.CountryDetermination(cc), "StatusDeterminationApproach")
	found := false
	for _, r := range s.CommunityRules {
		found = found || r.Value == model.CountryRules(cc) || !strings.HasPrefix(r.Value, model.SchemeRulesPrefix)
	}
	if !found {
		p.at(f, "community_rules", &diag.Fix{Message: "add the country rules URI", Value: model.CountryRules(cc)}, "SchemeTypeCommunityRules lacks %s", model.CountryRules(cc))
	}
}

func euOnly(p *Pass) {
	s := &p.Set.List.Scheme
	if isEU(s.Territory) {
		return
	}
	f := p.Set.Scheme()
	bad := []string{model.TSLTypeEUGeneric, model.TSLTypeEUListOfTheLists, model.StatusDetnEUAppropriate, model.SchemeRulesEUCommon}
	isBad := func(u string) bool {
		for _, b := range bad {
			if u == b {
				return true
			}
		}
		return false
	}
	if isBad(s.Type) {
		p.at(f, "type", &diag.Fix{Message: "use the country list type", Value: model.CountryList(s.Territory)}, "%s is for EU lists only", s.Type)
	}
	if isBad(s.StatusDeterminationApproach) {
		p.at(f, "status_determination_approach", &diag.Fix{Message: "use the country determination", Value: model.CountryDetermination(s.Territory)}, "%s is for EU lists only", s.StatusDeterminationApproach)
	}
	for _, r := range s.CommunityRules {
		if isBad(r.Value) {
			p.at(f, "community_rules", &diag.Fix{Message: "use the country rules", Value: model.CountryRules(s.Territory)}, "%s is for EU lists only", r.Value)
		}
	}
}

func nextUpdate(p *Pass) {
	at, nu := p.Opts.IssueTime, p.Opts.NextUpdate
	if at.IsZero() || nu.IsZero() {
		return
	}
	f := p.Set.Scheme()
	if !nu.After(at) {
		p.at(f, "next_update_months", &diag.Fix{Message: "set 1 to 6 months", Value: "6"}, "NextUpdate %s is not after the issue time", nu.Format(model.TimeLayout))
	}
	if nu.After(at.AddDate(0, 6, 0)) {
		p.at(f, "next_update_months", &diag.Fix{Message: "use at most 6 months", Value: "6"}, "NextUpdate %s is more than 6 months after the issue time %s (clause 5.3.15)", nu.Format(model.TimeLayout), at.Format(model.TimeLayout))
	}
}

var regID = regexp.MustCompile(`^(VAT|NTR|PAS|IDC|PNO|TIN)([A-Z]{2})-(.+)$`)

// ValidCorporateNumber checks a Japanese corporate number (法人番号): 13
// digits whose first is the check digit 9 − (Σ Pn×Qn mod 9) over the other
// twelve, Pn the n-th digit from the right and Qn 1 for odd n, 2 for even.
func ValidCorporateNumber(s string) bool {
	if len(s) != 13 {
		return false
	}
	sum := 0
	for n := 1; n <= 12; n++ {
		c := s[13-n]
		if c < '0' || c > '9' {
			return false
		}
		q := 1
		if n%2 == 0 {
			q = 2
		}
		sum += int(c-'0') * q
	}
	return s[0] >= '0' && s[0] <= '9' && int(s[0]-'0') == 9-sum%9
}

func tradeNameID(p *Pass) {
	jp := p.Set.List.Scheme.Territory == "JP"
	for i := range p.Set.List.Providers {
		t := &p.Set.List.Providers[i]
		f := p.Set.TSP(i)
		var ids []string
		for _, n := range t.TradeName {
			if regID.MatchString(n.Value) {
				ids = append(ids, n.Value)
			}
		}
		if len(ids) == 0 {
			p.at(f, "trade_name", &diag.Fix{Message: "add the registration identifier", Value: "NTRJP-<13-digit corporate number>"}, "TSPTradeName has no registration identifier (VAT/NTR/… + country + '-' + id, clause 5.4.2)")
			continue
		}
		if !jp {
			continue
		}
		for _, id := range ids {
			m := regID.FindStringSubmatch(id)
			if m[1] == "NTR" && m[2] == "JP" && !ValidCorporateNumber(m[3]) {
				p.at(f, "trade_name", nil, "%s: %q is not a valid 13-digit corporate number (check digit)", id, m[3])
			}
		}
	}
}

func electronicAddress(p *Pass) {
	check := func(path string, m model.MultiLang, at func(string)) {
		mail, web := false, false
		for _, u := range m {
			mail = mail || strings.HasPrefix(u.Value, "mailto:")
			web = web || strings.HasPrefix(u.Value, "http://") || strings.HasPrefix(u.Value, "https://")
		}
		if !mail || !web {
			at(path)
		}
	}
	s := p.Set.List.Scheme
	check("operator.address.electronic", s.OperatorAddress.Electronic, func(path string) {
		p.at(p.Set.Scheme(), path, &diag.Fix{Message: "give a mailto: and an https: URI"}, "the electronic address needs a mailto: and a web URI")
	})
	for i := range p.Set.List.Providers {
		f := p.Set.TSP(i)
		check("address.electronic", p.Set.List.Providers[i].Address.Electronic, func(path string) {
			p.at(f, path, &diag.Fix{Message: "give a mailto: and an https: URI"}, "the electronic address needs a mailto: and a web URI")
		})
	}
}

func historicalPeriod(p *Pass) {
	if h := p.Set.List.Scheme.HistoricalInformationPeriod; h != model.HistoricalInformationPeriodForever {
		p.at(p.Set.Scheme(), "historical_information_period", &diag.Fix{Message: "keep history forever", Value: "65535"}, "HistoricalInformationPeriod %d: history will be removed", h)
	}
}

func criticalUnknown(p *Pass) {
	for _, e := range extensions(p.Set) {
		if e.ext.Critical && e.ext.XML != "" {
			p.at(e.f, e.path+".critical", &diag.Fix{Message: "make it non-critical", Value: "false"}, "a critical extension unknown to consumers makes them reject the whole list")
		}
	}
}

func duplicateTSP(p *Pass) {
	seen := map[string]string{}
	for i := range p.Set.List.Providers {
		t := &p.Set.List.Providers[i]
		f := p.Set.TSP(i)
		keys := []string{"name:" + t.Name.Get("en")}
		for _, n := range t.TradeName {
			if regID.MatchString(n.Value) {
				keys = append(keys, "id:"+n.Value)
			}
		}
		for _, k := range keys {
			if first, ok := seen[k]; ok {
				p.at(f, "name", nil, "the same TSP (%s) is already in %s", strings.SplitN(k, ":", 2)[1], first)
				break
			}
			seen[k] = f.Path
		}
	}
}

func euSchemeExtensions(p *Pass) {
	s := &p.Set.List.Scheme
	if isEU(s.Territory) && s.Territory != "EU" && s.Extensions != nil {
		p.at(p.Set.Scheme(), "extensions", &diag.Fix{Message: "remove the scheme extensions"}, "SchemeExtensions are not allowed in an EU Member State's list")
	}
}
