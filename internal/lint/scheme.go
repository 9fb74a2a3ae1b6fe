package lint

import (
	"slices"
	"strings"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/source"
)

// Rules on the scheme information (TS 119 612 clause 5.3).

// euTerritories are the territories whose lists are EU trusted lists:
// the Member States (EL for Greece, clause 5.1.5), the EEA states whose
// lists the EU LOTL points to, and EU for the LOTL itself.
var euTerritories = strings.Fields("AT BE BG CY CZ DE DK EE EL ES FI FR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK IS LI NO EU")

func isEU(cc string) bool { return slices.Contains(euTerritories, cc) }

// euOnly are the URIs reserved to EU lists and the EU LOTL (clauses 5.3.3,
// 5.3.8, 5.3.9).
var euOnly = []string{
	model.TSLTypeEUGeneric, model.TSLTypeEUListOfTheLists,
	model.StatusDetnEUAppropriate, model.StatusDetnEUListOfTheLists,
	model.SchemeRulesEUCommon, model.SchemeRulesEUListOfTheLists,
}

// schemeURIs gives the TSLType and StatusDeterminationApproach values a list
// of territory cc takes, and the SchemeTypeCommunityRules values it must
// include (clauses 5.3.3, 5.3.8, 5.3.9, annex D.4 and D.6).
func schemeURIs(cc string) (types, detns, rules []string) {
	switch {
	case cc == "EU":
		return []string{model.TSLTypeEUListOfTheLists}, []string{model.StatusDetnEUListOfTheLists}, []string{model.SchemeRulesEUListOfTheLists}
	case isEU(cc):
		return []string{model.TSLTypeEUGeneric}, []string{model.StatusDetnEUAppropriate}, []string{model.SchemeRulesEUCommon, model.CountryRules(cc)}
	default:
		return []string{model.CountryList(cc), model.CountryListOfTheLists(cc)}, []string{model.CountryDetermination(cc)}, []string{model.CountryRules(cc)}
	}
}

func schemeNamePrefix(p *Pass) {
	cc := p.Set.List.Scheme.Territory
	if cc == "" {
		return // JTSL025
	}
	for k, n := range p.Set.List.Scheme.Name {
		if !strings.HasPrefix(n.Value, cc+":") {
			p.at(p.loc(&p.Set.List.Scheme.Name[k]), fix("prefix the name with the territory", cc+":"+n.Value),
				"SchemeName %q does not start with %q (clause 5.3.6)", n.Value, cc+":")
		}
	}
}

// territoryURIs checks TSLType, StatusDeterminationApproach and
// SchemeTypeCommunityRules against SchemeTerritory. A non-EU list may use a
// URI registered on purpose instead of the ETSI one (annex D.3), except
// the J-TSL, whose policy is the ETSI JP values.
func territoryURIs(p *Pass) {
	s := &p.Set.List.Scheme
	cc := s.Territory
	if cc == "" {
		return
	}
	f := p.loc(&p.Set.List.Scheme)
	eu, jp := isEU(cc), cc == "JP"
	types, detns, rules := schemeURIs(cc)
	check := func(at source.Loc, got string, kind uriKind, want []string, what string) {
		prefix := familyPrefix[kind]
		switch {
		case got == "" || slices.Contains(want, got):
		case !eu && slices.Contains(euOnly, got): // JTSL004
		case strings.HasPrefix(got, prefix):
			p.at(at, fix("use the "+what+" of territory "+cc, want[0]),
				"%s %s does not match territory %s, which takes %s", what, got, cc, strings.Join(want, " or "))
		case p.misspelt(got, kind) != "": // JTSL005
		case eu || jp:
			p.at(at, fix("use the ETSI "+what+" of territory "+cc, want[0]),
				"territory %s takes the ETSI %s %s, not %s", cc, what, strings.Join(want, " or "), got)
		}
	}
	check(f.Key("type"), s.Type, uriTSLType, types, "TSLType")
	check(f.Key("status_determination_approach"), s.StatusDeterminationApproach, uriStatusDetn, detns, "StatusDeterminationApproach")
	if s.CommunityRules == nil {
		return // JTSL025
	}
	own := false      // a URI defined on purpose stands in for the ETSI one
	reported := false // a mismatch already says what to write
	for k, r := range s.CommunityRules {
		v := r.Value
		switch {
		case slices.Contains(rules, v) || strings.HasPrefix(v, model.CountryRules(cc)+"/"):
		case !eu && slices.Contains(euOnly, v):
		case strings.HasPrefix(v, model.SchemeRulesPrefix):
			p.at(p.loc(&s.CommunityRules[k]), fix("use the community rules of territory "+cc, model.CountryRules(cc)),
				"SchemeTypeCommunityRules %s does not match territory %s, which takes %s", v, cc, strings.Join(rules, " and "))
			reported = true
		case p.misspelt(v, uriSchemeRules) != "": // JTSL005
		default:
			own = true
		}
	}
	for _, want := range rules {
		if !slices.ContainsFunc(s.CommunityRules, func(r model.LangString) bool { return r.Value == want }) && (eu || jp || !own) && !reported {
			p.at(f.Key("community_rules"), fix("add the community rules URI", want),
				"SchemeTypeCommunityRules lacks %s (clause 5.3.9, annex D.4)", want)
		}
	}
}

func euOnlyURIs(p *Pass) {
	s := &p.Set.List.Scheme
	if s.Territory == "" || isEU(s.Territory) {
		return
	}
	f := p.loc(&p.Set.List.Scheme)
	types, detns, rules := schemeURIs(s.Territory)
	if slices.Contains(euOnly, s.Type) {
		p.at(f.Key("type"), fix("use the TSLType of territory "+s.Territory, types[0]), "%s is for EU lists only; a list of territory %s takes %s", s.Type, s.Territory, types[0])
	}
	if slices.Contains(euOnly, s.StatusDeterminationApproach) {
		p.at(f.Key("status_determination_approach"), fix("use the StatusDeterminationApproach of territory "+s.Territory, detns[0]),
			"%s is for EU lists only; a list of territory %s takes %s", s.StatusDeterminationApproach, s.Territory, detns[0])
	}
	for k, r := range s.CommunityRules {
		if slices.Contains(euOnly, r.Value) {
			p.at(p.loc(&s.CommunityRules[k]), fix("use the community rules of territory "+s.Territory, rules[0]),
				"%s is for EU lists only; a list of territory %s takes %s", r.Value, s.Territory, rules[0])
		}
	}
}

func nextUpdate(p *Pass) {
	at, nu := p.Opts.IssueTime, p.Opts.NextUpdate
	if at.IsZero() || nu.IsZero() {
		return
	}
	f := p.loc(&p.Set.List.Scheme)
	limit := at.AddDate(0, 6, 0)
	switch {
	case !nu.After(at):
		p.at(f.Key("next_update_months"), fix("set next_update_months to 1–6", "6"),
			"NextUpdate %s is not after the issue time %s (clause 5.3.15)", nu.Format(model.TimeLayout), at.Format(model.TimeLayout))
	case nu.After(limit):
		p.at(f.Key("next_update_months"), fix("use at most 6 months", "6"),
			"NextUpdate %s is more than 6 months after the issue time %s: at most %s (clause 5.3.15)",
			nu.Format(model.TimeLayout), at.Format(model.TimeLayout), limit.Format(model.TimeLayout))
	}
}

func historicalPeriod(p *Pass) {
	if h := p.Set.List.Scheme.HistoricalInformationPeriod; h != model.HistoricalInformationPeriodForever {
		p.at(p.loc(&p.Set.List.Scheme).Key("historical_information_period"), fix("keep history forever", "65535"),
			"HistoricalInformationPeriod %d lets history be removed; 65535 keeps it (clause 5.3.12)", h)
	}
}

func euSchemeExtensions(p *Pass) {
	s := &p.Set.List.Scheme
	if isEU(s.Territory) && s.Territory != "EU" && s.Extensions != nil {
		p.at(p.loc(&p.Set.List.Scheme).Key("extensions"), fix("remove the scheme extensions", ""),
			"SchemeExtensions are not allowed in an EU Member State's list (clause 5.3.17)")
	}
}

// mandatory reports the elements the text of TS 119 612 requires although
// the XSD makes them optional (document structure, docs/ts119612.md §2).
func mandatory(p *Pass) {
	s := &p.Set.List.Scheme
	f := p.loc(&p.Set.List.Scheme)
	if s.Territory == "" {
		p.at(f.Key("territory"), fix("add the territory", "JP"), "SchemeTerritory is missing (clause 5.3.10)")
	}
	if len(s.CommunityRules) == 0 {
		p.at(f.Key("community_rules"), fix("add the community rules", "{en: "+model.CountryRules(orCC(s.Territory))+"}"), "SchemeTypeCommunityRules is missing (clause 5.3.9)")
	}
	if pl := s.PolicyOrLegalNotice; pl == nil || len(pl.Policies) == 0 && len(pl.LegalNotices) == 0 {
		p.at(f.Key("policy"), fix("add the policy URIs", "{policies: {en: https://…}}"), "PolicyOrLegalNotice is missing (clause 5.3.11)")
	}
	for i := range p.Set.List.Providers {
		t := &p.Set.List.Providers[i]
		tf := p.loc(t)
		if len(t.TradeName) == 0 {
			want := "{en: NTR" + orCC(s.Territory) + "-…}"
			if s.Territory == "JP" {
				want = "{en: NTRJP-<13-digit corporate number>}"
			}
			p.at(tf.Key("trade_name"), fix("add the trade name with the registration identifier", want), "TSPTradeName is missing (clause 5.4.2)")
		}
		if len(t.Services) == 0 {
			p.at(tf.Key("services"), nil, "TSPServices is empty: a TSP is listed for at least one service, current or withdrawn (clause 5.4.6)")
		}
	}
}

// orCC returns cc, or a placeholder when the territory is missing.
func orCC(cc string) string {
	if cc == "" {
		return "CC"
	}
	return cc
}
