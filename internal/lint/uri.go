package lint

import (
	"regexp"
	"slices"
	"strings"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/tsl"
)

// Rules on URIs: the TS 119 612 vocabularies spelled exactly, and every
// URI well formed (clause 5.1.2).

// familyPrefix is the common prefix of the URI families whose last part
// is a country code or a name (annex D); a URI that starts with it exactly
// is judged by the territory rules (JTSL003, JTSL027), not by spelling.
var familyPrefix = map[uriKind]string{
	uriTSLType:     model.TSLTypePrefix,
	uriStatusDetn:  model.StatusDetnPrefix,
	uriSchemeRules: model.SchemeRulesPrefix,
}

// vocabulary returns the URIs a field of the kind takes from TS 119 612;
// ccs are the territories the sources name.
func vocabulary(kind uriKind, ccs []string) []string {
	var v []string
	switch kind {
	case uriServiceType:
		return model.ServiceTypes
	case uriStatus:
		return model.ServiceStatuses
	case uriInfo:
		return model.AdditionalInfoURIs
	case uriQualifier:
		return model.Qualifiers
	case uriTSLType:
		v = []string{model.TSLTypeEUGeneric, model.TSLTypeEUListOfTheLists}
		for _, cc := range ccs {
			v = append(v, model.CountryList(cc), model.CountryListOfTheLists(cc))
		}
	case uriStatusDetn:
		v = []string{model.StatusDetnEUAppropriate, model.StatusDetnEUListOfTheLists}
		for _, cc := range ccs {
			v = append(v, model.CountryDetermination(cc))
		}
	case uriSchemeRules:
		v = []string{model.SchemeRulesEUCommon, model.SchemeRulesEUListOfTheLists}
		for _, cc := range ccs {
			v = append(v, model.CountryRules(cc))
		}
	}
	return v
}

// territories returns the country codes the sources name: the scheme's and
// those of the pointed lists.
func (p *Pass) territories() []string {
	var ccs []string
	if cc := p.Set.List.Scheme.Territory; cc != "" {
		ccs = append(ccs, cc)
	}
	for _, ptr := range p.Set.List.Scheme.Pointers {
		for _, info := range ptr.AdditionalInformation {
			if o := info.Other; o != nil && o.SchemeTerritory != "" && !slices.Contains(ccs, o.SchemeTerritory) {
				ccs = append(ccs, o.SchemeTerritory)
			}
		}
	}
	return ccs
}

// misspelt returns the vocabulary URI that u is a near miss of, or "" when
// u is spelled exactly, belongs to a family the territory rules judge, or
// is not close to any (then it is a URI defined on purpose).
func (p *Pass) misspelt(u string, kind uriKind) string {
	vocab := vocabulary(kind, p.territories())
	if u == "" || vocab == nil || slices.Contains(vocab, u) {
		return ""
	}
	if pre, ok := familyPrefix[kind]; ok && strings.HasPrefix(u, pre) {
		return ""
	}
	return nearest(u, vocab)
}

func uriSpelling(p *Pass) {
	for _, r := range p.uris() {
		if best := p.misspelt(r.v, r.kind); best != "" {
			p.at(r.at, fix("use the exact TS 119 612 spelling", best),
				"%s is not a TS 119 612 URI; did you mean %s? Consumers compare URIs byte for byte", r.v, best)
		}
	}
}

// norm folds the differences people make when they copy a URI: case, the
// scheme, a trailing slash and the slips of old TL Manager code.
func norm(s string) string {
	s = strings.ToLower(strings.TrimSuffix(s, "/"))
	s = strings.TrimPrefix(strings.TrimPrefix(s, "https://"), "http://")
	s = strings.ReplaceAll(s, "trstsvd", "trstsvc")
	// The StatusDetn URI under TSLType/ comes from old EC TL Manager code
	// (the DE, MT and PT lists of 2015 carry it).
	return strings.ReplaceAll(s, "/tsltype/statusdetn/", "/statusdetn/")
}

// maxTypo is the largest edit distance, after norm, at which a URI counts
// as a misspelling; the closest vocabulary URIs differ by more
// (EDS/Q and EDS are both in the vocabulary, so never compared as typos).
const maxTypo = 3

// nearest finds the vocabulary URI closest to u within maxTypo, or "".
func nearest(u string, vocab []string) string {
	nu := norm(u)
	best, bestD := "", maxTypo+1
	for _, v := range vocab {
		if d := diag.Distance(nu, norm(v), bestD); d < bestD {
			best, bestD = v, d
		}
	}
	return best
}

var uriScheme = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)

// doubleScheme is a web address written with two schemes, as in the 2015
// German list ("http://https://…").
var doubleScheme = regexp.MustCompile(`^(?i)https?://https?://`)

// badURI says what is wrong with u as a URI of a trusted list, or "".
func badURI(u string) (why string) {
	switch {
	case strings.ContainsAny(u, " \t\n\r"):
		return "contains white space"
	case !uriScheme.MatchString(u):
		return "is not an absolute URI (it has no scheme such as https:)"
	}
	scheme := strings.ToLower(u[:strings.IndexByte(u, ':')])
	switch scheme {
	case "javascript", "data", "vbscript", "file":
		// The HTML page links to these URIs; a browser would run or open them.
		return "uses the " + scheme + ": scheme, which is refused"
	case "http", "https":
		rest := u[len(scheme)+1:]
		if !strings.HasPrefix(rest, "//") || len(rest) == 2 || rest[2] == '/' {
			return "has no host"
		}
	}
	if err := tsl.CheckURI(u); err != nil {
		return "is not a valid xsd:anyURI (" + err.Error() + ")"
	}
	return ""
}

func uriSyntax(p *Pass) {
	for _, r := range p.uris() {
		if why := badURI(r.v); why != "" && r.v != "" {
			fx := fix("write an absolute URI without spaces", uriRepair(r.v))
			if strings.HasSuffix(why, "refused") {
				fx = fix("link to an https: page instead", "")
			}
			p.at(r.at, fx, "%q %s (clause 5.1.2)", r.v, why)
		}
	}
}

// uriRepair guesses the URI meant by a malformed one, or returns "".
func uriRepair(v string) string {
	if t := strings.TrimSpace(v); t != v {
		if badURI(t) == "" {
			return t
		}
		v = t
	}
	switch {
	case doubleScheme.MatchString(v):
		return v[strings.Index(v, "//")+2:]
	case uriScheme.MatchString(v) || strings.ContainsAny(v, " \t\n\r"):
		return ""
	case strings.Contains(v, "@") && !strings.Contains(v, "/"):
		return "mailto:" + v
	case strings.Contains(v, "."):
		return "https://" + v
	}
	return ""
}
