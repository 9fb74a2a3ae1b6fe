package lote

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// A Profile is what one of TS 119 602's EU list types requires of a list
// (annexes D to I), as @owf/eudi-lote's profiles encode them (lote-check
// --profile). Four values only the Commission can write (the list type,
// the territory EU, the status determination approach and the scheme
// rules); a list of another scheme that follows the profile's structure
// writes its own, and is checked with Check(l, false).
type Profile struct {
	Name        string // lote-check's name, e.g. EUPIDProvidersList
	Type        string // LoTEType
	StatusDetn  string // StatusDeterminationApproach
	SchemeRules string // the one SchemeTypeCommunityRules URI
	// Kind names the service types (SvcTypePrefix+Kind+"/Issuance" and
	// "/Revocation") and, as Entity, the information URI every entity
	// must have (InformationURIPrefix+Entity+"/"+country).
	Kind, Entity string
	// HistoricalInformationPeriod: -1 forbids the element, 0 lets it be,
	// else the value it must have.
	HistoricalInformationPeriod int
	NoPointers                  bool // PointersToOtherLoTE forbidden
}

// MaxNextUpdate is how far after ListIssueDateTime the EU profiles let
// NextUpdate be: six months, counted as lote-check does (4464 hours).
const MaxNextUpdate = 4464 * time.Hour

// Profiles are the EU profiles, by list type.
var Profiles = func() map[string]*Profile {
	eu := "http://uri.etsi.org/19602/"
	ps := []*Profile{
		{Name: "EUPIDProvidersList", StatusDetn: eu + "PIDProvidersList/StatusDetn/EU", SchemeRules: eu + "PIDProviders/schemerules/EU",
			Kind: "PID", Entity: "PIDProvider", HistoricalInformationPeriod: -1},
		{Name: "EUWalletProvidersList", StatusDetn: eu + "WalletProvidersList/StatusDetn/EU", SchemeRules: eu + "WalletProvidersList/schemerules/EU",
			Kind: "WalletSolution", Entity: "WalletProvider", HistoricalInformationPeriod: -1},
		{Name: "EUWRPACProvidersList", StatusDetn: eu + "WRPACProvidersList/StatusDetn/EU", SchemeRules: eu + "WRPACProvidersList/schemerules/EU",
			Kind: "WRPAC", Entity: "WRPACProvider", HistoricalInformationPeriod: -1},
		// "WRPRCrovidersList" is the profile's own spelling.
		{Name: "EUWRPRCProvidersList", StatusDetn: eu + "WRPRCrovidersList/StatusDetn/EU", SchemeRules: eu + "WRPRCProvidersList/schemerules/EU",
			Kind: "WRPRC", Entity: "WRPRCProvider", HistoricalInformationPeriod: -1},
		// lote-check 0.2.0 ends these two StatusDetn URIs with a stray
		// quotation mark, which no list can carry (a URI has none): the
		// value here is the one without it.
		{Name: "EUEAAProvidersList", StatusDetn: eu + "EAAProvidersList/StatusDetn/EU", SchemeRules: eu + "EAAProvidersList/schemerules/EU",
			Kind: "EAA", Entity: "EAAProvider", NoPointers: true},
		{Name: "EUPubEAAProvidersList", StatusDetn: eu + "PubEAAProvidersList/StatusDetn/EU", SchemeRules: eu + "PubEAAProvidersList/schemerules/EU",
			Kind: "PubEAA", Entity: "PubEAAProvider", NoPointers: true, HistoricalInformationPeriod: 65535},
	}
	m := map[string]*Profile{}
	for _, p := range ps {
		p.Type = TypePrefix + p.Name
		m[p.Type] = p
	}
	return m
}()

// ServiceTypes are the service types the profile allows.
func (p *Profile) ServiceTypes() []string {
	return []string{SvcTypePrefix + p.Kind + "/Issuance", SvcTypePrefix + p.Kind + "/Revocation"}
}

// A Problem is one way a list departs from a profile: the path of the
// value (as the JSON binding names it, e.g.
// LoTE.TrustedEntitiesList[0].TrustedEntityServices[1].ServiceInformation.ServiceStatus),
// the rule's short name and what is wrong.
type Problem struct {
	Path, Rule, Message string
}

// Check returns how l departs from p; scheme is false for a list of
// another scheme than the EU's, whose list type, territory, status
// determination approach and scheme rules are its own.
func (p *Profile) Check(l *List, scheme bool) []Problem {
	var out []Problem
	add := func(path, rule, format string, args ...any) {
		out = append(out, Problem{path, rule, fmt.Sprintf(format, args...)})
	}
	s := &l.Scheme
	const si = "LoTE.ListAndSchemeInformation."
	if s.VersionIdentifier != Version {
		add(si+"LoTEVersionIdentifier", "version", "LoTEVersionIdentifier is %d, not %d", s.VersionIdentifier, Version)
	}
	if scheme {
		for _, v := range [][3]string{{"LoTEType", s.Type, p.Type}, {"SchemeTerritory", s.Territory, "EU"},
			{"StatusDeterminationApproach", s.StatusDeterminationApproach, p.StatusDetn}} {
			if v[1] != v[2] {
				add(si+v[0], "eu-values", "%s is %q, not %q", v[0], v[1], v[2])
			}
		}
		if len(s.CommunityRules) != 1 || s.CommunityRules[0].Value != p.SchemeRules {
			add(si+"SchemeTypeCommunityRules", "eu-values", "SchemeTypeCommunityRules must be the one URI %s", p.SchemeRules)
		}
	} else if len(s.CommunityRules) != 1 {
		add(si+"SchemeTypeCommunityRules", "scheme-rules", "SchemeTypeCommunityRules must be one URI, not %d", len(s.CommunityRules))
	}
	hip := s.HistoricalInformationPeriod
	switch {
	case p.HistoricalInformationPeriod < 0 && hip != nil:
		add(si+"HistoricalInformationPeriod", "no-history-period", "the profile has no HistoricalInformationPeriod")
	case p.HistoricalInformationPeriod > 0 && (hip == nil || *hip != p.HistoricalInformationPeriod):
		add(si+"HistoricalInformationPeriod", "history-period", "HistoricalInformationPeriod must be %d", p.HistoricalInformationPeriod)
	}
	if p.NoPointers && s.Pointers != nil {
		add(si+"PointersToOtherLoTE", "no-pointers", "the profile has no PointersToOtherLoTE")
	}
	if s.NextUpdate == nil || s.NextUpdate.Sub(s.ListIssueDateTime) > MaxNextUpdate {
		add(si+"NextUpdate", "next-update", "NextUpdate must be within six months of ListIssueDateTime")
	}
	prefix := InformationURIPrefix + p.Entity + "/"
	types := p.ServiceTypes()
	for i := range l.Entities {
		e := &l.Entities[i]
		ep := fmt.Sprintf("LoTE.TrustedEntitiesList[%d].", i)
		if !hasCountryURI(e, prefix) {
			add(ep+"TrustedEntityInformation.TEInformationURI", "entity-uri", "one TEInformationURI must be %sCC, CC the entity's two-letter country", prefix)
		}
		for j := range e.Services {
			sv := &e.Services[j]
			sp := fmt.Sprintf("%sTrustedEntityServices[%d].ServiceInformation.", ep, j)
			if sv.Status != "" {
				add(sp+"ServiceStatus", "no-status", "the profile has no ServiceStatus")
			}
			if !sv.StatusStartingTime.IsZero() {
				add(sp+"StatusStartingTime", "no-status", "the profile has no StatusStartingTime")
			}
			if !slices.Contains(types, sv.Type) {
				add(sp+"ServiceTypeIdentifier", "service-type", "ServiceTypeIdentifier %q is not one of %s", sv.Type, strings.Join(types, ", "))
			}
		}
	}
	return out
}

// hasCountryURI reports whether the first of e's information URIs that
// starts with prefix goes on with a two-letter country and no more (as
// lote-check reads it).
func hasCountryURI(e *Entity, prefix string) bool {
	for _, u := range e.InformationURI {
		if rest, ok := strings.CutPrefix(u.Value, prefix); ok {
			return len(rest) == 2
		}
	}
	return false
}
