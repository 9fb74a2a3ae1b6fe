package lint

import (
	"bytes"
	"crypto/x509"
	"fmt"
	"regexp"
	"strings"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/source"
)

// Rules is the registry, sorted by ID. IDs are never renumbered or reused.
var Rules = []Rule{
	{ID: "JTSL001", Title: "English value missing", Severity: diag.Error, Since: "0.1", Check: englishPresent,
		Doc: "Every multilingual field needs an English (en) value (TS 119 612 clause 5.1.4); Japanese may stand next to it.\n\nBad: `name: {ja: デジタル庁}`\n\nGood: `name: {en: Digital Agency, ja: デジタル庁}`"},
	{ID: "JTSL002", Title: "SchemeName not prefixed with the territory", Severity: diag.Error, Since: "0.1", Check: schemeNamePrefix,
		Doc: "SchemeName values are `CC:name` with CC the scheme territory (clause 5.3.6).\n\nBad: `name: {en: Trusted list of Japan}`\n\nGood: `name: {en: \"JP:Trusted list of Japan\"}`"},
	{ID: "JTSL003", Title: "Scheme URIs do not match the territory", Severity: diag.Error, Since: "0.1", Check: territoryURIs,
		Doc: "For a non-EU list, TSLType is `…/TSLType/CClist`, StatusDeterminationApproach `…/StatusDetn/CCdetermination` and SchemeTypeCommunityRules includes `…/schemerules/CC`, with CC the territory (annex D.4, D.6).\n\nBad: `territory: JP` with `type: …/TSLType/TClist`\n\nGood: `type: http://uri.etsi.org/TrstSvc/TrustedList/TSLType/JPlist`"},
	{ID: "JTSL004", Title: "EU-only URI in a non-EU list", Severity: diag.Error, Since: "0.1", Check: euOnly,
		Doc: "EUgeneric, EUappropriate, EUcommon and EUlistofthelists are for EU Member States and the EU LOTL only (clauses 5.3.3, 5.3.8, 5.3.9).\n\nBad: `type: …/TSLType/EUgeneric` with `territory: JP`\n\nGood: `type: …/TSLType/JPlist`"},
	{ID: "JTSL005", Title: "Misspelt TS 119 612 URI", Severity: diag.Error, Since: "0.1", Check: uriSpelling,
		Doc: "A URI that is almost one of the TS 119 612 vocabulary (service types, statuses, qualifiers, additional information, TSL type families) is a typo: consumers compare URIs byte for byte.\n\nBad: `type: http://uri.etsi.org/TrstSvc/SvcType/CA/QC`\n\nGood: `type: http://uri.etsi.org/TrstSvc/Svctype/CA/QC`"},
	{ID: "JTSL006", Title: "Extension not allowed on this service type", Severity: diag.Error, Since: "0.1", Check: extensionForType,
		Doc: "Qualifications apply to CA/QC services only (clause 5.5.9.2); expiredCertsRevocationInfo only to CA and certificate-status services and is never critical (5.5.9.1).\n\nBad: a Qualifications extension on a TSA/QTST service.\n\nGood: Qualifications on the CA/QC that issues the certificates."},
	{ID: "JTSL007", Title: "Additional service information unusual for the type", Severity: diag.Warning, Since: "0.1", Check: additionalInfoForType,
		Doc: "ForeSignatures, ForeSeals and ForWebSiteAuthentication further specify CA/QC and CA/PKC services (clause 5.5.9.4).\n\nBad: ForeSignatures on a TSA/QTST.\n\nGood: ForeSignatures on a CA/QC."},
	{ID: "JTSL008", Title: "Status unusual for the service type", Severity: diag.Warning, Since: "0.1", Check: statusForType,
		Doc: "Qualified types take granted or withdrawn; other types recognisedatnationallevel or deprecatedatnationallevel (clause 5.5.4). A non-EU list may define its own, at SchemeInformationURI.\n\nBad: CA/PKC with `granted`.\n\nGood: CA/PKC with `recognisedatnationallevel`."},
	{ID: "JTSL009", Title: "Digital identity names more than one key", Severity: diag.Error, Since: "0.1", Check: oneKey,
		Doc: "A service entry has exactly one public key; several certificates are allowed only for the same key and subject (clause 5.5.3). Re-keying makes a new service entry.\n\nBad: two certificates with different keys in one identity.\n\nGood: one service per key."},
	{ID: "JTSL010", Title: "X509SKI does not match the certificate", Severity: diag.Error, Since: "0.1", Check: skiMatches,
		Doc: "An X509SKI next to a certificate must equal its SubjectKeyIdentifier extension (clause 5.5.3).\n\nBad: `ski:` copied from another certificate.\n\nGood: use the short form `identity: {certificate: …}`, which derives it."},
	{ID: "JTSL011", Title: "Same public key twice for one service type", Severity: diag.Error, Since: "0.1", Check: duplicateKey,
		Doc: "The same public key must not appear twice in the list for the same service type (clause 5.5.3).\n\nBad: one CA certificate listed as two CA/QC services.\n\nGood: one entry; a CA/QC and a CA/PKC entry may share a key."},
	{ID: "JTSL012", Title: "Certificate does not fit the service type", Severity: diag.Error, Since: "0.1", Check: certForType,
		Doc: "A CA/* service is identified by a CA certificate (basicConstraints CA:true); a TSA/* service by a certificate with the id-kp-timeStamping extended key usage.\n\nBad: an end-entity certificate on a CA/QC.\n\nGood: the issuing CA's certificate."},
	{ID: "JTSL013", Title: "Certificate not valid at issue time", Severity: diag.Error, Since: "0.1", Check: certValidity,
		Doc: "A service in force (granted or recognised) must be listed with a certificate that is valid when the list is issued; an expired key's service is withdrawn instead.\n\nBad: an expired CA certificate on a granted service.\n\nGood: list the renewed key as a new service and withdraw the old one."},
	{ID: "JTSL014", Title: "Status history out of order or in the future", Severity: diag.Error, Since: "0.1", Check: historyOrder,
		Doc: "Status entries are written oldest first with strictly increasing dates, and no status starts after the issue time (clause 5.5.5: no retroactive or future changes; DSS reads history newest first).\n\nBad: `from: 2025-04-01…` before `from: 2024-01-01…`.\n\nGood: dates in increasing order."},
	{ID: "JTSL015", Title: "NextUpdate too far or too early", Severity: diag.Error, Since: "0.1", Check: nextUpdate,
		Doc: "NextUpdate − ListIssueDateTime ≤ 6 months, and after the issue time (clause 5.3.15).\n\nBad: `next_update_months: 12`\n\nGood: `next_update_months: 6`"},
	{ID: "JTSL016", Title: "TSP trade name lacks a registration identifier", Severity: diag.Error, Since: "0.1", Check: tradeNameID,
		Doc: "TSPTradeName must include the official registration identifier `VAT|NTR|PAS|IDC|PNO|TIN` + CC + `-` + id (clause 5.4.2); in Japan `NTRJP-` and the 13-digit corporate number (法人番号) with a valid check digit.\n\nBad: `trade_name: {en: NTRJP-123}`\n\nGood: `trade_name: {en: NTRJP-9010401012345}`"},
	{ID: "JTSL017", Title: "Electronic address incomplete", Severity: diag.Error, Since: "0.1", Check: electronicAddress,
		Doc: "An ElectronicAddress needs a mailto: and a web (http/https) URI (clause 5.3.5.2, annex B.0).\n\nBad: only `https://…`.\n\nGood: `- en: mailto:…` and `- en: https://…`."},
	{ID: "JTSL018", Title: "History may be removed", Severity: diag.Warning, Since: "0.1", Check: historicalPeriod,
		Doc: "HistoricalInformationPeriod 65535 means history is never removed (clause 5.3.12), which EU lists use.\n\nBad: `historical_information_period: 10`\n\nGood: leave it out (65535)."},
	{ID: "JTSL019", Title: "Unknown critical extension", Severity: diag.Error, Since: "0.1", Check: criticalUnknown,
		Doc: "Consumers must reject a list with a critical extension they do not know (clause 5.3.17, annex B.0): only mark known extensions critical.\n\nBad: `critical: true` on a verbatim `xml:` extension.\n\nGood: `critical: false`."},
	{ID: "JTSL020", Title: "Duplicate TSP", Severity: diag.Error, Since: "0.1", Check: duplicateTSP,
		Doc: "Each TSP appears once: two files with the same registration identifier or English name are a mistake.\n\nBad: two files for the same company.\n\nGood: one file with all its services."},
	{ID: "JTSL021", Title: "Malformed or unsafe URI", Severity: diag.Error, Since: "0.1", Check: uriSyntax,
		Doc: "URIs are absolute RFC 3986 URIs without spaces (clause 5.1.2); web addresses are http or https, mail addresses mailto:. Schemes that run code in a browser (javascript:, data:, vbscript:) are refused: the HTML page links to these URIs.\n\nBad: `information_uri: {en: javascript:alert(1)}`\n\nGood: `information_uri: {en: https://www.example.jp/cps}`"},
}

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

func uriSpelling(p *Pass) {
	vocab := append(append(append(append([]string{}, model.ServiceTypes...), model.ServiceStatuses...), model.AdditionalInfoURIs...), model.Qualifiers...)
	check := func(f *source.File, path, u string) {
		if u == "" || contains(vocab, u) {
			return
		}
		if best, ok := nearest(u, vocab); ok {
			p.at(f, path, &diag.Fix{Message: "use the exact TS 119 612 spelling", Value: best}, "%q is not a TS 119 612 URI; did you mean %s?", u, best)
		}
	}
	for _, r := range services(p.Set) {
		f := r.f
		check(f, r.path+".type", r.svc.Type)
		check(f, r.path+".status", r.svc.Status)
		for i, h := range r.svc.History {
			check(f, fmt.Sprintf("%s.status[%d].status", r.path, len(r.svc.History)-1-i), h.Status)
		}
		for k, e := range r.svc.Extensions {
			ep := fmt.Sprintf("%s.extensions[%d]", r.path, k)
			if a := e.AdditionalServiceInformation; a != nil {
				check(f, ep+".additional_service_information.uri", a.URI.Value)
			}
			for q, qe := range e.Qualifications {
				for _, u := range qe.Qualifiers {
					check(f, fmt.Sprintf("%s.qualifications[%d].qualifiers", ep, q), u)
				}
			}
		}
		for k, sp := range r.svc.SupplyPoints {
			check(f, fmt.Sprintf("%s.supply_points[%d].type", r.path, k), sp.Type)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// nearest finds a vocabulary URI within a small edit distance of u,
// ignoring case, scheme and a trailing slash.
func nearest(u string, vocab []string) (string, bool) {
	norm := func(s string) string {
		s = strings.ToLower(strings.TrimSuffix(s, "/"))
		s = strings.TrimPrefix(strings.TrimPrefix(s, "https://"), "http://")
		return strings.ReplaceAll(s, "trstsvd", "trstsvc")
	}
	nu := norm(u)
	best, bestD := "", 4
	for _, v := range vocab {
		if d := distance(nu, norm(v), bestD); d < bestD {
			best, bestD = v, d
		}
	}
	return best, best != ""
}

// distance is the Levenshtein distance, giving up above max.
func distance(a, b string, max int) int {
	if abs(len(a)-len(b)) >= max {
		return max
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			c = min(c, prev[j]+1, cur[j-1]+1)
			cur[j] = c
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

var ecriTypes = []string{model.SvcCAPKC, model.SvcCAQC, model.SvcNationalRootCAQC, model.SvcOCSP, model.SvcOCSPQC, model.SvcCRL, model.SvcCRLQC}

func extensionForType(p *Pass) {
	for _, e := range extensions(p.Set) {
		if e.svc == nil {
			continue
		}
		if e.ext.Qualifications != nil && e.svc.Type != model.SvcCAQC {
			p.at(e.f, e.path, &diag.Fix{Message: "remove the Qualifications extension"}, "Qualifications apply to CA/QC services only, not %s", e.svc.Type)
		}
		if e.ext.ExpiredCertsRevocationInfo != nil {
			if !contains(ecriTypes, e.svc.Type) {
				p.at(e.f, e.path, &diag.Fix{Message: "remove expired_certs_revocation_info"}, "expiredCertsRevocationInfo does not apply to %s", e.svc.Type)
			}
			if e.ext.Critical {
				p.at(e.f, e.path+".critical", &diag.Fix{Message: "make it non-critical", Value: "false"}, "expiredCertsRevocationInfo is never critical (clause 5.5.9.1)")
			}
		}
	}
}

func additionalInfoForType(p *Pass) {
	for _, e := range extensions(p.Set) {
		a := e.ext.AdditionalServiceInformation
		if e.svc == nil || a == nil {
			continue
		}
		switch a.URI.Value {
		case model.InfoForeSignatures, model.InfoForeSeals, model.InfoForWebSiteAuthentication:
			if e.svc.Type != model.SvcCAQC && e.svc.Type != model.SvcCAPKC {
				p.at(e.f, e.path, nil, "%s further specifies CA/QC or CA/PKC services, not %s", a.URI.Value, e.svc.Type)
			}
		}
	}
}

func qualifiedType(t string) bool {
	return strings.HasSuffix(t, "/QC") || strings.HasSuffix(t, "/Q") || strings.HasSuffix(t, "/QTST") || strings.HasSuffix(t, "-QC")
}

func statusForType(p *Pass) {
	for _, r := range services(p.Set) {
		st := r.svc.Status
		if !strings.HasPrefix(st, model.SvcStatusPrefix) {
			continue
		}
		q := qualifiedType(r.svc.Type)
		switch {
		case q && (st == model.StatusRecognisedAtNationalLevel || st == model.StatusDeprecatedAtNationalLevel):
			p.at(r.f, r.path+".status", &diag.Fix{Message: "use granted or withdrawn", Value: model.StatusGranted}, "%s is a qualified type: its status is granted or withdrawn", r.svc.Type)
		case !q && (st == model.StatusGranted || st == model.StatusWithdrawn):
			p.at(r.f, r.path+".status", &diag.Fix{Message: "use recognisedatnationallevel or deprecatedatnationallevel", Value: model.StatusRecognisedAtNationalLevel}, "%s is not a qualified type: its status is recognised or deprecated at national level", r.svc.Type)
		}
	}
}

func certsOf(id model.DigitalIdentity) []*x509.Certificate {
	var out []*x509.Certificate
	for _, d := range id {
		if d.Certificate != nil {
			if c, err := x509.ParseCertificate(d.Certificate); err == nil {
				out = append(out, c)
			}
		}
	}
	return out
}

func oneKey(p *Pass) {
	for _, r := range services(p.Set) {
		cs := certsOf(r.svc.Identity)
		for _, c := range cs[min(1, len(cs)):] {
			if !bytes.Equal(c.RawSubjectPublicKeyInfo, cs[0].RawSubjectPublicKeyInfo) || !bytes.Equal(c.RawSubject, cs[0].RawSubject) {
				p.at(r.f, r.path+".identity", &diag.Fix{Message: "list each key as its own service"}, "the identity holds certificates with different keys or subjects")
			}
		}
	}
}

func skiMatches(p *Pass) {
	for _, r := range services(p.Set) {
		if r.cert == nil {
			continue
		}
		for _, d := range r.svc.Identity {
			if d.SKI != nil && len(r.cert.SubjectKeyId) > 0 && !bytes.Equal(d.SKI, r.cert.SubjectKeyId) {
				p.at(r.f, r.path+".identity", &diag.Fix{Message: "use the certificate's SKI (or the short identity form)"}, "X509SKI differs from the certificate's SubjectKeyIdentifier")
			}
		}
	}
}

func duplicateKey(p *Pass) {
	seen := map[string]svcRef{}
	for _, r := range services(p.Set) {
		for _, c := range certsOf(r.svc.Identity) {
			k := r.svc.Type + "|" + string(c.RawSubjectPublicKeyInfo)
			if first, ok := seen[k]; ok {
				p.at(r.f, r.path+".identity", nil, "the same public key is already listed for %s in %s (%s)", r.svc.Type, first.f.Path, first.path)
				continue
			}
			seen[k] = r
		}
	}
}

func certForType(p *Pass) {
	for _, r := range services(p.Set) {
		c := r.cert
		if c == nil {
			continue
		}
		switch {
		case strings.HasPrefix(r.svc.Type, model.SvcTypePrefix+"CA/") || r.svc.Type == model.SvcNationalRootCAQC:
			if !c.BasicConstraintsValid || !c.IsCA {
				p.at(r.f, r.path+".identity", &diag.Fix{Message: "list the issuing CA's certificate"}, "%s needs a CA certificate (basicConstraints CA:true); %s is not one", r.svc.Type, c.Subject)
			}
		case strings.HasPrefix(r.svc.Type, model.SvcTSA):
			// J-TSL policy: a TSA is identified by its own certificate. Some
			// EU lists (SE) list the TSA's CA instead; that is theirs to decide.
			if c.BasicConstraintsValid && c.IsCA {
				if p.Set.List.Scheme.Territory == "JP" {
					p.at(r.f, r.path+".identity", &diag.Fix{Message: "list the TSA's time-stamping certificate, not its CA"}, "%s is identified by the TSA's own certificate; %s is a CA certificate", r.svc.Type, c.Subject)
				}
				continue
			}
			ts := false
			for _, u := range c.ExtKeyUsage {
				ts = ts || u == x509.ExtKeyUsageTimeStamping
			}
			if !ts {
				p.at(r.f, r.path+".identity", &diag.Fix{Message: "list the TSA's time-stamping certificate"}, "%s needs a certificate with the id-kp-timeStamping extended key usage", r.svc.Type)
			}
		}
	}
}

func certValidity(p *Pass) {
	at := p.Opts.IssueTime
	if at.IsZero() {
		return
	}
	for _, r := range services(p.Set) {
		if r.cert == nil || (r.svc.Status != model.StatusGranted && r.svc.Status != model.StatusRecognisedAtNationalLevel) {
			continue
		}
		if at.Before(r.cert.NotBefore) || at.After(r.cert.NotAfter) {
			p.at(r.f, r.path+".identity", nil, "certificate valid %s – %s does not cover the issue time %s",
				r.cert.NotBefore.Format(model.TimeLayout), r.cert.NotAfter.Format(model.TimeLayout), at.Format(model.TimeLayout))
		}
	}
}

func historyOrder(p *Pass) {
	for _, r := range services(p.Set) {
		// History is newest first; entry k of the YAML list (oldest first)
		// is History[len-1-k], the current status is the last entry.
		n := len(r.svc.History)
		for k := 0; k < n; k++ {
			older := r.svc.History[n-1-k].StatusStartingTime
			newer := r.svc.StatusStartingTime
			if k+1 < n {
				newer = r.svc.History[n-2-k].StatusStartingTime
			}
			if !older.Before(newer) {
				p.at(r.f, fmt.Sprintf("%s.status[%d].from", r.path, k+1), nil, "status dates must increase strictly, oldest first (%s is not after %s)",
					newer.Format(model.TimeLayout), older.Format(model.TimeLayout))
			}
		}
		if at := p.Opts.IssueTime; !at.IsZero() && r.svc.StatusStartingTime.After(at) {
			p.at(r.f, fmt.Sprintf("%s.status[%d].from", r.path, n), nil, "status starts %s, after the issue time %s: a status may not start in the future",
				r.svc.StatusStartingTime.Format(model.TimeLayout), at.Format(model.TimeLayout))
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

// uriSyntax checks every URI of the sources (clause 5.1.2).
func uriSyntax(p *Pass) {
	bad := func(u string) string {
		switch {
		case strings.TrimSpace(u) != u || strings.ContainsAny(u, " \t\n\r"):
			return "contains white space"
		case !regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`).MatchString(u):
			return "is not an absolute URI (no scheme)"
		}
		scheme := strings.ToLower(u[:strings.IndexByte(u, ':')])
		switch scheme {
		case "javascript", "data", "vbscript", "file":
			return "uses the " + scheme + ": scheme"
		case "http", "https":
			if !strings.HasPrefix(u[len(scheme):], "://") || len(u) <= len(scheme)+3 {
				return "has no host"
			}
		}
		return ""
	}
	for _, lf := range langFields(p.Set) {
		if !strings.Contains(lf.path, "uri") && !strings.Contains(lf.path, "electronic") && !strings.Contains(lf.path, "community_rules") && !strings.Contains(lf.path, "policies") {
			continue
		}
		for _, v := range lf.m {
			if why := bad(v.Value); why != "" {
				p.at(lf.f, lf.path, nil, "%q %s", v.Value, why)
			}
		}
	}
	sc := p.Set.Scheme()
	for i, u := range p.Set.List.Scheme.DistributionPoints {
		if why := bad(u); why != "" {
			p.at(sc, fmt.Sprintf("distribution_points[%d]", i), nil, "%q %s", u, why)
		}
	}
	for i, ptr := range p.Set.List.Scheme.Pointers {
		if why := bad(ptr.Location); why != "" {
			p.at(sc, fmt.Sprintf("pointers[%d].location", i), nil, "%q %s", ptr.Location, why)
		}
	}
	for _, r := range services(p.Set) {
		for k, sp := range r.svc.SupplyPoints {
			if why := bad(sp.URI); why != "" {
				p.at(r.f, fmt.Sprintf("%s.supply_points[%d].uri", r.path, k), nil, "%q %s", sp.URI, why)
			}
		}
		for _, u := range []string{r.svc.Type, r.svc.Status} {
			if why := bad(u); why != "" {
				p.at(r.f, r.path, nil, "%q %s", u, why)
			}
		}
	}
}
