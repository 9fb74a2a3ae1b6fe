package lint

import (
	"crypto/x509"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/lote"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/source"
)

// The rules of the lists of trusted entities (ETSI TS 119 602) run over
// each list of sources/lote (CheckLoTE); they take numbers from JTSL060.
// A rule of an EU profile (annexes D to I) applies to a list that names
// the profile it follows, as lote-check --profile encodes it.
func init() { Rules = append(Rules, loteRules...) }

var loteRules = []Rule{
	{ID: "JTSL060", Title: "List type not in the vocabulary", Severity: diag.Error, Since: "0.4", LoTE: loteListType,
		Doc: doc("A list's LoTEType is a list type of lote/vocabulary.yaml, and its StatusDeterminationApproach and SchemeTypeCommunityRules are the ones the vocabulary gives for that type (TS 119 602 clauses 6.3.3, 6.3.8, 6.3.9; Annex C.1 lets a scheme operator use its own URIs, which it then defines): the vocabulary is where each is labelled, mra.yaml's lists_of_trusted_entities where it is said to correspond to an EU value (JTSL069), and the page shows both.",
			"type: https://www.digital.go.jp/trustlist/lote/LoTEType/JPPIDProviderList   # not declared",
			"type: https://www.digital.go.jp/trustlist/lote/LoTEType/JPPIDProvidersList")},
	{ID: "JTSL061", Title: "Service type or status not in the vocabulary", Severity: diag.Error, Since: "0.4", LoTE: loteServiceTerms,
		Doc: doc("Every ServiceTypeIdentifier and ServiceStatus of a list of trusted entities is declared in lote/vocabulary.yaml, with its labels (TS 119 602 clauses 6.6.1, 6.6.4, Annex C.1); mra.yaml says which EU value each corresponds to (JTSL069).",
			"type: http://uri.etsi.org/19602/SvcType/PID/Issuing",
			"type: http://uri.etsi.org/19602/SvcType/PID/Issuance")},
	{ID: "JTSL062", Title: "Service type not allowed by the profile", Severity: diag.Error, Since: "0.4", LoTE: loteProfileServiceType,
		Doc: doc("A list that follows an EU profile lists only the service types of that profile, the EU's own URIs: …/SvcType/PID/Issuance and …/Revocation for EUPIDProvidersList, WalletSolution for EUWalletProvidersList, PubEAA for EUPubEAAProvidersList, and so on (TS 119 602 clause 6.6.1, annexes D to I; lote-check --profile).",
			"profile: EUPIDProvidersList\n…\ntype: http://uri.etsi.org/19602/SvcType/WalletSolution/Issuance",
			"profile: EUPIDProvidersList\n…\ntype: http://uri.etsi.org/19602/SvcType/PID/Issuance")},
	{ID: "JTSL063", Title: "Entity information URI does not name its country", Severity: diag.Error, Since: "0.4", LoTE: loteInformationURI,
		Doc: doc("In a list that follows an EU profile, every entity has a TEInformationURI made of the profile's prefix and the entity's two-letter country, such as http://uri.etsi.org/19602/ListOfTrustedEntities/PIDProvider/JP (TS 119 602 clause 6.5.4, annexes D to I; lote-check --profile). The country is the one of the entity's postal address.",
			"information_uri:\n  - en: https://www.jpki.go.jp/en/",
			"information_uri:\n  - en: http://uri.etsi.org/19602/ListOfTrustedEntities/PIDProvider/JP\n  - en: https://www.jpki.go.jp/en/")},
	{ID: "JTSL064", Title: "Status in a profile without statuses", Severity: diag.Error, Since: "0.4", LoTE: loteNoStatus,
		Doc: doc("The EU profiles have no ServiceStatus or StatusStartingTime: an entity is listed while it is recognised and removed when it is not (TS 119 602 clauses 6.6.4, 6.6.5, annexes D to I; lote-check --profile). A list that follows one has no status: entries.",
			"status:\n  - {status: https://www.digital.go.jp/trustlist/lote/Svcstatus/recognised, from: 2026-01-01T00:00:00Z}",
			"# no status: the entity is listed while recognised")},
	{ID: "JTSL065", Title: "NextUpdate more than six months ahead", Severity: diag.Error, Since: "0.4", LoTE: loteNextUpdate,
		Doc: doc("NextUpdate is after ListIssueDateTime and at most six months later (TS 119 602 clause 6.3.15; the EU profiles, lote-check --profile). The build sets NextUpdate from next_update_months, which the schema keeps within 1–6; this rule guards a NextUpdate given explicitly.",
			"next_update_months: 12", "next_update_months: 6")},
	{ID: "JTSL066", Title: "Historical information period against the profile", Severity: diag.Error, Since: "0.4", LoTE: loteHistoricalPeriod,
		Doc: doc("The PID, wallet, WRPAC and WRPRC provider profiles keep no history: HistoricalInformationPeriod is absent; the Pub-EAA provider profile keeps every entry: it is 65535 (TS 119 602 clause 6.3.12, annexes D to I; lote-check --profile).",
			"profile: EUPIDProvidersList\nhistorical_information_period: 65535",
			"profile: EUPIDProvidersList\n# no historical_information_period")},
	{ID: "JTSL067", Title: "Service not identified by a valid certificate", Severity: diag.Error, Since: "0.4", LoTE: loteIdentity,
		Doc: doc("A relying party trusts an entity's service by its X.509 certificate: each service of a list that follows an EU profile is identified by at least one certificate, and one of them is valid at the issue time (TS 119 602 clause 6.6.3; the EU profiles identify services by their certificates). A subject name or key alone, or only an expired certificate, names nothing a relying party can check.",
			"identity:\n  - subject_name: CN=Sample Wallet CA,O=Sample,C=JP",
			"identity: {certificate: lote/certs/sample-wallet-a.pem, sample: true}")},
	{ID: "JTSL068", Title: "EU-only value in a Japanese list", Severity: diag.Error, Since: "0.4", LoTE: loteEUOnly,
		Doc: doc("The EU profiles' LoTEType, StatusDeterminationApproach and SchemeTypeCommunityRules URIs (…/LoTEType/EUPIDProvidersList, …/StatusDetn/EU, …/schemerules/EU) say that the Commission publishes the list; a list of another territory uses its own, declared in lote/vocabulary.yaml and said in mra.yaml to correspond to the EU's (TS 119 602 clause 6.3.3, Annex C.1; JTSL069).",
			"type: http://uri.etsi.org/19602/LoTEType/EUPIDProvidersList",
			"type: https://www.digital.go.jp/trustlist/lote/LoTEType/JPPIDProvidersList")},
	{ID: "JTSL069", Title: "Term without EU correspondence", Severity: diag.Error, Since: "0.4", LoTE: loteCorrespondence,
		Doc: doc("A list that follows an EU profile says, through mra.yaml's lists_of_trusted_entities, which EU value each of its own stands for: its LoTEType corresponds, enacted, to the profile's, and so do its StatusDeterminationApproach and SchemeTypeCommunityRules (the list type's status_determination_approach and community_rules) and every ServiceTypeIdentifier it uses, to one of the profile's service types (TS 119 602 clauses 6.3.3, 6.3.8, 6.3.9, 6.6.1; Annex C.1, annexes D to I). This is what makes the list read as the EU profile's by a wallet or relying party on the EU side, and what the page shows; a list whose terms correspond to another profile's, or to nothing, would be misread.",
			"lists_of_trusted_entities:\n  list_types:\n    - japan: https://www.digital.go.jp/trustlist/lote/LoTEType/JPPIDProvidersList\n      eu: http://uri.etsi.org/19602/LoTEType/EUWalletProvidersList   # the list follows EUPIDProvidersList",
			"lists_of_trusted_entities:\n  list_types:\n    - japan: https://www.digital.go.jp/trustlist/lote/LoTEType/JPPIDProvidersList\n      eu: http://uri.etsi.org/19602/LoTEType/EUPIDProvidersList\n      status: enacted\n      from: \"2026-10-01T00:00:00Z\"\n      status_determination_approach: {japan: https://www.digital.go.jp/trustlist/lote/PIDProvidersList/StatusDetn/JP, eu: http://uri.etsi.org/19602/PIDProvidersList/StatusDetn/EU}\n      community_rules: {japan: https://www.digital.go.jp/trustlist/lote/PIDProviders/schemerules/JP, eu: http://uri.etsi.org/19602/PIDProviders/schemerules/EU}")},
	{ID: "JTSL070", Title: "EU value unknown to TS 119 602", Severity: diag.Error, Since: "0.4", LoTESet: loteEUValues,
		Doc: doc("Every EU value of mra.yaml's lists_of_trusted_entities is one TS 119 602's EU profiles define (clauses 6.3.3, 6.3.8, 6.3.9, 6.6.1; annexes D to I, as lote-check --profile encodes them): a list type's eu is a profile's LoTEType (…/LoTEType/EUPIDProvidersList, …), its status_determination_approach and community_rules the eu values of that same profile (…/PIDProvidersList/StatusDetn/EU, …/PIDProviders/schemerules/EU), and a service type's eu one of a profile's service types (…/SvcType/PID/Issuance, …). A misspelt URI would say that Japan's term corresponds to nothing an EU reader knows.",
			"service_types:\n  - japan: http://uri.etsi.org/19602/SvcType/PID/Issuance\n    eu: http://uri.etsi.org/19602/SvcType/PID/Issuing",
			"service_types:\n  - japan: http://uri.etsi.org/19602/SvcType/PID/Issuance\n    eu: http://uri.etsi.org/19602/SvcType/PID/Issuance")},
	{ID: "JTSL071", Title: "Correspondence for an undeclared term", Severity: diag.Error, Since: "0.4", LoTESet: loteMappedTerms,
		Doc: doc("The Japanese side of each correspondence in mra.yaml's lists_of_trusted_entities is a term of lote/vocabulary.yaml: a list type's japan is a declared list type, its status_determination_approach and community_rules are the ones the vocabulary gives for that type, and a service type's japan is a declared service type (TS 119 602 clauses 6.3.3, 6.6.1; Annex C.1). A correspondence for a term Japan does not define says nothing of its lists, and the page would show a term without a name.",
			"service_types:\n  - japan: http://uri.etsi.org/19602/SvcType/PID/Issuing   # not in lote/vocabulary.yaml",
			"service_types:\n  - japan: http://uri.etsi.org/19602/SvcType/PID/Issuance")},
}

// A LoTEPass is one rule's run over one list of trusted entities, or
// over the set (Rule.LoTESet: List is nil).
type LoTEPass struct {
	Set   *source.LoTESet
	List  *source.LoTESource
	Opts  Options
	rule  *Rule
	diags diag.List
}

func (p *LoTEPass) loc(v any) source.Loc { return p.Set.Loc(v) }

func (p *LoTEPass) at(at source.Loc, fix *diag.Fix, format string, args ...any) {
	p.diags = append(p.diags, diag.Diagnostic{
		Rule: p.rule.ID, Severity: p.rule.Severity, Pos: at.Pos(), Path: at.Path(),
		Message: fmt.Sprintf(format, args...), Fix: fix,
	})
}

// profile returns the EU profile the list follows, or nil.
func (p *LoTEPass) profile() *lote.Profile { return profileNamed(p.List.Profile) }

// profileNamed returns the EU profile of lote-check's name, or nil.
func profileNamed(name string) *lote.Profile {
	for _, pr := range lote.Profiles {
		if pr.Name == name {
			return pr
		}
	}
	return nil
}

// euLoTEValue reports whether u is a value only the Commission's lists carry:
// an EU profile's list type, status determination approach or scheme
// rules.
func euLoTEValue(u string) bool {
	for _, pr := range lote.Profiles {
		if u == pr.Type || u == pr.StatusDetn || u == pr.SchemeRules {
			return true
		}
	}
	return false
}

// services calls f with every service of the list and its entity.
func (p *LoTEPass) services(f func(e *lote.Entity, s *lote.Service)) {
	for i := range p.List.List.Entities {
		e := &p.List.List.Entities[i]
		for j := range e.Services {
			f(e, &e.Services[j])
		}
	}
}

// CheckLoTE runs the rules of the lists of trusted entities over every
// list of a set and returns the findings, sorted by position. The lists
// are small beside the J-TSL's rules' work: they run one after another.
func CheckLoTE(s *source.LoTESet, opts Options) diag.List {
	var all diag.List
	for _, l := range s.Lists {
		o := opts
		if o.NextUpdate.IsZero() && !o.IssueTime.IsZero() {
			o.NextUpdate = o.IssueTime.AddDate(0, l.NextUpdateMonths, 0)
		}
		for i := range Rules {
			if Rules[i].LoTE == nil {
				continue
			}
			p := &LoTEPass{Set: s, List: l, Opts: o, rule: &Rules[i]}
			Rules[i].LoTE(p)
			all = append(all, p.diags...)
		}
	}
	for i := range Rules {
		if Rules[i].LoTESet != nil {
			p := &LoTEPass{Set: s, Opts: opts, rule: &Rules[i]}
			Rules[i].LoTESet(p)
			all = append(all, p.diags...)
		}
	}
	all.Sort()
	return all
}

func loteListType(p *LoTEPass) {
	s := &p.List.List.Scheme
	at := p.loc(s)
	v := p.Set.Vocabulary
	if v == nil {
		return // LoadLoTE reports the missing vocabulary
	}
	lt := v.ListType(s.Type)
	if lt == nil {
		p.at(at.Key("type"), fix("use a list type of lote/vocabulary.yaml, or declare this one there", ""),
			"the list type %s is not declared in lote/vocabulary.yaml", s.Type)
		return
	}
	if s.StatusDeterminationApproach != lt.StatusDetermination {
		p.at(at.Key("status_determination_approach"), fix("use the list type's", lt.StatusDetermination),
			"the status determination approach %s is not the one lote/vocabulary.yaml gives for %s", s.StatusDeterminationApproach, s.Type)
	}
	if len(s.CommunityRules) != 1 || s.CommunityRules[0].Value != lt.CommunityRules {
		at := at.Key("community_rules")
		if len(s.CommunityRules) > 0 {
			at = p.loc(&s.CommunityRules[0])
		}
		p.at(at, fix("give the list type's scheme rules, alone", lt.CommunityRules),
			"the scheme rules are not the one URI lote/vocabulary.yaml gives for %s", s.Type)
	}
}

func loteServiceTerms(p *LoTEPass) {
	v := p.Set.Vocabulary
	if v == nil {
		return
	}
	p.services(func(_ *lote.Entity, s *lote.Service) {
		if v.ServiceType(s.Type) == nil {
			p.at(p.loc(s).Key("type"), fix("use a service type of lote/vocabulary.yaml, or declare this one there", ""),
				"the service type %s is not declared in lote/vocabulary.yaml", s.Type)
		}
		if s.Status != "" && v.Status(s.Status) == nil {
			p.at(p.loc(&s.Status).Key("status"), fix("use a status of lote/vocabulary.yaml, or declare this one there", ""),
				"the status %s is not declared in lote/vocabulary.yaml", s.Status)
		}
		for i := range s.History {
			if v.Status(s.History[i].Status) == nil {
				p.at(p.loc(&s.History[i]).Key("status"), fix("use a status of lote/vocabulary.yaml, or declare this one there", ""),
					"the status %s is not declared in lote/vocabulary.yaml", s.History[i].Status)
			}
		}
	})
}

// profileProblems returns how the list departs from its EU profile
// (lote.Profile.Check, the one place the profiles are encoded) in the
// profile rules named, at the issue time and NextUpdate of the options.
func (p *LoTEPass) profileProblems(rules ...string) []lote.Problem {
	pr := p.profile()
	if pr == nil {
		return nil
	}
	l := *p.List.List // the same entities, so that their positions hold
	l.Scheme.ListIssueDateTime = p.Opts.IssueTime
	if !p.Opts.NextUpdate.IsZero() {
		l.Scheme.NextUpdate = &p.Opts.NextUpdate
	}
	var out []lote.Problem
	for _, pb := range pr.Check(&l, false) {
		if slices.Contains(rules, pb.Rule) && (pb.Rule != "next-update" || !p.Opts.NextUpdate.IsZero()) {
			out = append(out, pb)
		}
	}
	return out
}

// problemAt is where in the sources the value of a profile problem's
// path (the JSON binding's: LoTE.TrustedEntitiesList[i].…) was written.
func (p *LoTEPass) problemAt(pb lote.Problem) source.Loc {
	at := p.loc(&p.List.List.Scheme)
	if m := problemPath.FindStringSubmatch(pb.Path); m != nil {
		i, _ := strconv.Atoi(m[1])
		e := &p.List.List.Entities[i]
		at = p.loc(e)
		if m[2] != "" {
			j, _ := strconv.Atoi(m[2])
			at = p.loc(&e.Services[j])
		}
	}
	field := pb.Path[strings.LastIndexByte(pb.Path, '.')+1:]
	if k, ok := problemKeys[field]; ok {
		return at.Key(k)
	}
	return at
}

var problemPath = regexp.MustCompile(`TrustedEntitiesList\[(\d+)\](?:\.TrustedEntityServices\[(\d+)\])?`)

// problemKeys are the source keys of the JSON names profile problems use.
var problemKeys = map[string]string{
	"ServiceTypeIdentifier": "type", "ServiceStatus": "status", "StatusStartingTime": "status",
	"TEInformationURI": "information_uri", "HistoricalInformationPeriod": "historical_information_period",
	"NextUpdate": "next_update_months", "SchemeTypeCommunityRules": "community_rules",
}

// profileRule reports every problem of the profile rules named, each once
// per place, with a fix.
func (p *LoTEPass) profileRule(f *diag.Fix, rules ...string) {
	seen := map[string]bool{}
	for _, pb := range p.profileProblems(rules...) {
		at := p.problemAt(pb)
		if key := at.Path(); !seen[key] {
			seen[key] = true
			p.at(at, f, "%s (profile %s)", pb.Message, p.List.Profile)
		}
	}
}

func loteProfileServiceType(p *LoTEPass) {
	p.profileRule(fix("use a service type of the profile", ""), "service-type")
}

func loteInformationURI(p *LoTEPass) {
	p.profileRule(fix("add the profile's information URI with the entity's country", ""), "entity-uri")
	if p.profile() == nil {
		return
	}
	// J-TSL policy beyond the profile: the country is the entity's own.
	prefix := lote.InformationURIPrefix + p.profile().Entity + "/"
	for i := range p.List.List.Entities {
		e := &p.List.List.Entities[i]
		country := entityCountry(e)
		for k := range e.InformationURI {
			u := &e.InformationURI[k]
			if rest, ok := strings.CutPrefix(u.Value, prefix); ok {
				if len(rest) == 2 && country != "" && rest != country {
					p.at(p.loc(u), fix("name the country of the entity's address", prefix+country),
						"%s names another country than the entity's address (%s)", u.Value, country)
				}
				break
			}
		}
	}
}

// entityCountry returns the country of an entity's postal addresses, the
// English one first; "" when none says.
func entityCountry(e *lote.Entity) string {
	for _, a := range e.Address.Postal {
		if a.Lang == "en" {
			return a.CountryName
		}
	}
	if len(e.Address.Postal) > 0 {
		return e.Address.Postal[0].CountryName
	}
	return ""
}

func loteNoStatus(p *LoTEPass) {
	p.profileRule(fix("remove status: (and its history)", ""), "no-status")
}

func loteNextUpdate(p *LoTEPass) {
	p.profileRule(fix("at most six months after the issue time", "6"), "next-update")
}

func loteHistoricalPeriod(p *LoTEPass) {
	p.profileRule(fix("follow the profile: absent, or 65535 for Pub-EAA providers", ""), "no-history-period", "history-period")
}

func loteIdentity(p *LoTEPass) {
	if p.profile() == nil {
		return
	}
	at := p.Opts.IssueTime
	p.services(func(_ *lote.Entity, s *lote.Service) {
		var certs []*x509.Certificate
		for _, d := range s.Identity {
			if d.Certificate == nil {
				continue
			}
			if c, err := p.Set.Certificate(d.Certificate); err == nil {
				certs = append(certs, c)
			}
		}
		if len(certs) == 0 {
			p.at(p.loc(s).Key("identity"), fix("identify the service by its certificate", "{certificate: certs/….pem}"),
				"the service is identified by no X.509 certificate")
			return
		}
		if at.IsZero() {
			return
		}
		for _, c := range certs {
			if !at.Before(c.NotBefore) && !at.After(c.NotAfter) {
				return
			}
		}
		p.at(p.loc(&s.Identity[0]), fix("list the service's current certificate", ""),
			"no certificate of the service is valid at the issue time %s (the first: %s to %s)",
			at.Format(model.TimeLayout), certs[0].NotBefore.UTC().Format(time.DateOnly), certs[0].NotAfter.UTC().Format(time.DateOnly))
	})
}

func loteEUOnly(p *LoTEPass) {
	s := &p.List.List.Scheme
	if s.Territory == "EU" {
		return
	}
	at := p.loc(s)
	for _, v := range []struct{ key, uri string }{{"type", s.Type}, {"status_determination_approach", s.StatusDeterminationApproach}} {
		if euLoTEValue(v.uri) {
			p.at(at.Key(v.key), fix("use the list type's own URI of lote/vocabulary.yaml", ""),
				"%s is the Commission's (territory EU); a list of %s uses its own", v.uri, s.Territory)
		}
	}
	for k := range s.CommunityRules {
		if euLoTEValue(s.CommunityRules[k].Value) {
			p.at(p.loc(&s.CommunityRules[k]), fix("use the list type's own URI of lote/vocabulary.yaml", ""),
				"%s is the Commission's (territory EU); a list of %s uses its own", s.CommunityRules[k].Value, s.Territory)
		}
	}
}
