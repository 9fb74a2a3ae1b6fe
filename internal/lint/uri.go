package lint

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/source"
)

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
	for _, r := range p.services() {
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
	for _, r := range p.services() {
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
