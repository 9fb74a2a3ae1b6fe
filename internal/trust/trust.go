package trust

import (
	"bytes"
	"crypto/x509"
	"slices"
	"time"

	"github.com/jtsl/jtsl/internal/lote"
	"github.com/jtsl/jtsl/internal/model"
)

// A Source is one verified list to look in: a trusted list, or a list
// of trusted entities (TS 119 602).
type Source struct {
	Name string // file or URL, for the report
	List *model.List
	LoTE *lote.List // when the source is a list of trusted entities
	// Via is how Walk reached the list (nil when the caller made the
	// Source): for a pointed list, Via.Pointer is the pointer followed.
	Via *Reached
}

// A Query is the certificate to judge, its intermediates and the time.
type Query struct {
	Cert  *x509.Certificate
	Chain []*x509.Certificate // intermediates, any order
	At    time.Time
}

// A Match is one listed service that covers the certificate.
type Match struct {
	List        string `json:"list"`
	Territory   string `json:"territory"`
	TSP         string `json:"tsp"`
	Service     string `json:"service"`
	Type        string `json:"type"`
	Status      string `json:"status"`       // in force at the query time; "" if not yet listed then
	StatusStart string `json:"status_start"` // when that status began
	// Granted is true when the status in force is one of those that make a
	// trust anchor (R28: granted, recognised at national level and their
	// pre-2016 equivalents).
	Granted bool `json:"granted"`
	// OutsideEU is true when that status is not one of TS 119 612's (the
	// list's own vocabulary: a third country's, the J-TSL's): EU DSS reads
	// it only as the MRA block of the pointer to the list translates it
	// (GrantedEU, jtsl trust --mra).
	OutsideEU bool `json:"status_outside_eu_vocabulary,omitempty"`
	// How says how the service was matched.
	How string `json:"how"`
	// Qualifiers are the Qualifications qualifiers whose criteria the
	// certificate meets; AdditionalInformation the service's
	// additionalServiceInformation URIs.
	Qualifiers            []string `json:"qualifiers,omitempty"`
	AdditionalInformation []string `json:"additional_information,omitempty"`
}

// grantedStatuses are the statuses under which a listed certificate is a
// trust anchor (DSS GrantedOrRecognizedAtNationalLevelTrustAnchorPeriodPredicate),
// and the J-TSL's own statuses in force.
var grantedStatuses = func() map[string]bool {
	m := map[string]bool{}
	for _, s := range slices.Concat(model.InForceStatuses, model.JTSLInForceStatuses) {
		m[s] = true
	}
	return m
}()

// Lookup returns every service of the lists that covers q.Cert. A
// certificate is trusted when at least one match is Granted.
func Lookup(sources []Source, q Query) []Match {
	var out []Match
	for _, c := range Covering(sources, q) {
		out = append(out, match(c.Source, c.TSP, c.Service, q, c.How))
	}
	return append(out, lookupLoTE(sources, q)...)
}

// A Covered is a listed service that covers a certificate.
type Covered struct {
	Source  Source
	TSP     model.TSP
	Service model.Service
	How     string
}

// Covering returns the services that cover q.Cert: those that cover the
// first certificate of its path (the certificate, then its issuers in
// q.Chain) that any listed service covers.
func Covering(sources []Source, q Query) []Covered {
	var all []Covered
	var ids []model.DigitalIdentity
	for _, s := range sources {
		if s.List == nil {
			continue
		}
		for _, tsp := range s.List.Providers {
			for _, svc := range tsp.Services {
				all = append(all, Covered{Source: s, TSP: tsp, Service: svc})
				ids = append(ids, svc.Identity)
			}
		}
	}
	var out []Covered
	for _, c := range firstCovered(q, ids) {
		all[c.i].How = c.how
		out = append(out, all[c.i])
	}
	return out
}

// A cover is an identity, by index, that covers a certificate, and how.
type cover struct {
	i   int
	how string
}

// firstCovered walks q's path (the certificate, then its issuers in
// q.Chain) and returns the identities of ids, in order, that cover the
// first certificate of it that any of them covers.
func firstCovered(q Query, ids []model.DigitalIdentity) []cover {
	var out []cover
	for _, cur := range path(q.Cert, q.Chain) {
		for i, id := range ids {
			if how := covers(id, cur, cur == q.Cert); how != "" {
				out = append(out, cover{i, how})
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return out
}

// Trusted says whether the matches make the certificate trusted: at
// least one match is Granted. Walk's fail-closed rule is that unpinned
// lists are not among the sources unless the caller allowed them.
func Trusted(ms []Match) bool {
	for _, m := range ms {
		if m.Granted {
			return true
		}
	}
	return false
}

// path returns the certificate followed by its issuers found in chain,
// verified link by link, without loops.
func path(cert *x509.Certificate, chain []*x509.Certificate) []*x509.Certificate {
	p := []*x509.Certificate{cert}
	used := map[*x509.Certificate]bool{}
	for cur := cert; ; {
		var next *x509.Certificate
		for _, c := range chain {
			if !used[c] && bytes.Equal(cur.RawIssuer, c.RawSubject) && cur.CheckSignatureFrom(c) == nil {
				next = c
				break
			}
		}
		if next == nil || bytes.Equal(cur.RawSubject, cur.RawIssuer) {
			return p
		}
		used[next] = true
		p = append(p, next)
		cur = next
	}
}

// covers reports how an identity covers cert: it is the listed
// certificate, or a listed certificate (or subject name + SKI) issued it.
func covers(id model.DigitalIdentity, cert *x509.Certificate, leaf bool) string {
	var subject string
	var ski []byte
	for _, d := range id {
		switch {
		case d.Certificate != nil:
			if bytes.Equal(d.Certificate, cert.Raw) {
				if leaf {
					return "the certificate is the listed service certificate"
				}
				return "an intermediate of the chain is the listed service certificate"
			}
			sc, err := parseServiceCert(d.Certificate)
			if err != nil || !bytes.Equal(cert.RawIssuer, sc.RawSubject) {
				continue
			}
			if len(cert.AuthorityKeyId) > 0 && len(sc.SubjectKeyId) > 0 && !bytes.Equal(cert.AuthorityKeyId, sc.SubjectKeyId) {
				continue
			}
			if cert.CheckSignatureFrom(sc) == nil || checkSignatureLax(cert, sc) {
				return "issued by the listed service certificate (issuer name, key identifier and signature)"
			}
		case d.SKI != nil:
			ski = d.SKI
		case d.SubjectName != "":
			subject = d.SubjectName
		}
	}
	if ski != nil && len(cert.AuthorityKeyId) > 0 && bytes.Equal(ski, cert.AuthorityKeyId) &&
		(subject == "" || sameName(subject, model.DistinguishedName(cert.RawIssuer, cert.Issuer))) {
		return "issuer key identifier matches the listed X509SKI (no certificate to check the signature)"
	}
	return ""
}

// checkSignatureLax verifies a signature by a CA certificate that does not
// carry the CA flags Go insists on (some listed roots are v1 certificates).
func checkSignatureLax(cert, issuer *x509.Certificate) bool {
	return issuer.CheckSignature(cert.SignatureAlgorithm, cert.RawTBSCertificate, cert.Signature) == nil
}

func sameName(a, b string) bool { return a == b }

// match fills a Match with the status in force at q.At.
func match(s Source, tsp model.TSP, svc model.Service, q Query, how string) Match {
	m := Match{
		List: s.Name, Territory: s.List.Scheme.Territory,
		TSP: tsp.Name.English(), Service: svc.Name.English(), Type: svc.Type, How: how,
	}
	st, start, exts, ok := statusAt(svc, q.At)
	if !ok {
		return m
	}
	m.Status, m.StatusStart = st, start.Format(model.TimeLayout)
	m.Granted = grantedStatuses[st]
	m.OutsideEU = !slices.Contains(model.ServiceStatuses, st)
	for _, e := range exts {
		if e.AdditionalServiceInformation != nil {
			m.AdditionalInformation = append(m.AdditionalInformation, e.AdditionalServiceInformation.URI.Value)
		}
		for _, qe := range e.Qualifications {
			if criteriaMatch(qe.Criteria, q.Cert) {
				m.Qualifiers = append(m.Qualifiers, qe.Qualifiers...)
			}
		}
	}
	return m
}

// statusAt returns the status, its start and the extensions in force at t.
// The current status holds from StatusStartingTime on; each history
// instance (newest first) until the next newer start.
func statusAt(svc model.Service, t time.Time) (string, time.Time, []model.Extension, bool) {
	if !t.Before(svc.StatusStartingTime) {
		return svc.Status, svc.StatusStartingTime, svc.Extensions, true
	}
	for _, h := range svc.History {
		if !t.Before(h.StatusStartingTime) {
			return h.Status, h.StatusStartingTime, h.Extensions, true
		}
	}
	return "", time.Time{}, nil, false
}
