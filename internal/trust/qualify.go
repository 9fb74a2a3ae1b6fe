package trust

import (
	"crypto/x509"
	"slices"
	"time"

	"github.com/jtsl/jtsl/internal/model"
)

// A Period is one status period of a listed service as EU DSS's
// qualification sees it (its TrustServiceWrapper): type, status, the
// period, the service's AdditionalServiceInformation URIs and the
// qualifiers whose criteria the certificate meets. A list reached through
// a LOTL pointer with an MRA block gives translated periods (internal/mra)
// and the MRA fields.
type Period struct {
	TSP        string     `json:"tsp"`
	Service    string     `json:"service"`
	Type       string     `json:"type"`
	Status     string     `json:"status"`
	Start      time.Time  `json:"start"`
	End        *time.Time `json:"end,omitempty"` // nil: the current status
	ASIs       []string   `json:"additional_service_information,omitempty"`
	Qualifiers []string   `json:"qualifiers,omitempty"` // captured for the certificate

	MRAList             bool       `json:"mra_list,omitempty"` // the list came with an MRA block
	EnactedMRA          bool       `json:"enacted_mra,omitempty"`
	MRALegalIdentifier  string     `json:"mra_legal_identifier,omitempty"`
	MRAEquivalenceStart *time.Time `json:"mra_equivalence_start,omitempty"`
	MRAEquivalenceEnd   *time.Time `json:"mra_equivalence_end,omitempty"`
	// The third country's own values, when translated.
	OriginalType       string   `json:"original_type,omitempty"`
	OriginalStatus     string   `json:"original_status,omitempty"`
	OriginalASIs       []string `json:"original_additional_service_information,omitempty"`
	OriginalQualifiers []string `json:"original_qualifiers,omitempty"`
}

// Periods returns the status periods of svc that EU DSS keeps for a
// certificate: the current status (open-ended) and each history instance
// (ending where the next newer one starts), except those that ended
// before the certificate's notBefore (TimeDependentValues.getAfter).
func Periods(tsp model.TSP, svc model.Service, cert *x509.Certificate) []Period {
	var out []Period
	add := func(typ, status string, start time.Time, end *time.Time, exts []model.Extension) {
		if end != nil && end.Before(cert.NotBefore) {
			return
		}
		p := Period{TSP: tsp.Name.English(), Service: svc.Name.English(), Type: typ, Status: status, Start: start, End: end}
		for _, e := range exts {
			if e.AdditionalServiceInformation != nil {
				p.ASIs = append(p.ASIs, e.AdditionalServiceInformation.URI.Value)
			}
			for _, qe := range e.Qualifications {
				if criteriaMatch(qe.Criteria, cert) {
					p.Qualifiers = append(p.Qualifiers, qe.Qualifiers...)
				}
			}
		}
		out = append(out, p)
	}
	add(svc.Type, svc.Status, svc.StatusStartingTime, nil, svc.Extensions)
	newer := svc.StatusStartingTime
	for _, h := range svc.History {
		end := newer
		add(h.Type, h.Status, h.StatusStartingTime, &end, h.Extensions)
		newer = h.StatusStartingTime
	}
	return out
}

// EU DSS's certificate qualification names (CertificateQualification).
const (
	QCertForESigQSCD    = "QCERT_FOR_ESIG_QSCD"
	QCertForESealQSCD   = "QCERT_FOR_ESEAL_QSCD"
	QCertForWSA         = "QCERT_FOR_WSA"
	QCertForUnknownQSCD = "QCERT_FOR_UNKNOWN_QSCD"
	QCertForESig        = "QCERT_FOR_ESIG"
	QCertForESeal       = "QCERT_FOR_ESEAL"
	QCertForUnknown     = "QCERT_FOR_UNKNOWN"
	CertForESig         = "CERT_FOR_ESIG"
	CertForESeal        = "CERT_FOR_ESEAL"
	CertForWSA          = "CERT_FOR_WSA"
	CertForUnknown      = "CERT_FOR_UNKNOWN"
	NA                  = "NA"
)

// Certificate types as EU DSS names them (CertificateType).
const (
	TypeESign   = "ESIGN"
	TypeESeal   = "ESEAL"
	TypeWSA     = "WSA"
	TypeUnknown = "UNKNOWN"
)

// A Qualification is EU DSS's verdict on a certificate at one time.
type Qualification struct {
	Name string    `json:"qualification"` // e.g. QCERT_FOR_ESIG_QSCD, NA
	Time time.Time `json:"time"`
	QC   bool      `json:"qc"`
	Type string    `json:"type"` // ESIGN, ESEAL, WSA, UNKNOWN
	QSCD bool      `json:"qscd"`
	// Service is the period the verdict rests on, if one was selected.
	Service *Period `json:"service,omitempty"`
}

// eIDAS is when Regulation 910/2014 applies (EU DSS EIDASUtils.EIDAS_DATE).
var eIDAS = time.Date(2016, 6, 30, 22, 0, 0, 0, time.UTC)

func postEIDAS(t time.Time) bool { return !t.Before(eIDAS) }

// Policies of ETSI TS 101 456 that pre-eIDAS certificates use.
const (
	policyQCPPublic         = "0.4.0.1456.1.2"
	policyQCPPublicWithSSCD = "0.4.0.1456.1.1"
)

const svcInfo = model.SvcInfoExtPrefix

// Qualify computes the EU qualification of a certificate issued at
// notBefore with content c, given the periods of the services that cover
// it, at time t: EU DSS's CertQualificationAtTimeBlock, step by step. With
// no period at all (no list covers the certificate) the answer is NA.
func Qualify(notBefore time.Time, c Content, periods []Period, t time.Time) Qualification {
	if len(periods) == 0 {
		return Qualification{Name: NA, Time: t, Type: TypeUnknown}
	}
	s := inForce(periods, t)
	caqc := filter(s, func(p *Period) bool { return p.Type == model.SvcCAQC })
	if len(caqc) > 0 {
		s = caqc
	}
	s = filter(s, func(p *Period) bool { return fitsType(p, notBefore, c) })
	if len(s) > 1 {
		seen := map[string]bool{}
		for _, p := range s {
			seen[verdict(notBefore, c, p).Name] = true
		}
		if len(seen) > 1 {
			return Qualification{Name: NA, Time: t, Type: TypeUnknown}
		}
	}
	s = filter(s, func(p *Period) bool {
		return postEIDAS(p.Start) || (p.Status != model.StatusGranted && p.Status != model.StatusWithdrawn)
	})
	granted := filter(s, grantedAt)
	if len(granted) > 0 {
		s = granted
	}
	if len(s) > 1 {
		first := verdict(notBefore, c, s[0]).Name
		for _, p := range s[1:] {
			if verdict(notBefore, c, p).Name != first {
				s = nil
				break
			}
		}
		if s != nil {
			s = s[:1]
		}
	}
	if len(s) > 0 && (!slices.Contains(caqc, s[0]) || !slices.Contains(granted, s[0])) {
		s = nil
	}
	var q Qualification
	byQC := filter(s, consistentQC)
	q.QC = qualified(notBefore, c, first(byQC))
	byType := filter(s, consistentType)
	q.Type = certType(notBefore, c, first(byType), q.QC)
	byQSCD := filter(s, consistentQSCD)
	q.QSCD = qscd(notBefore, c, first(byQSCD), q.QC)
	q.Name, q.Time = matrix(q.QC, q.Type, q.QSCD), t
	if len(s) > 0 {
		sel := *s[0]
		q.Service = &sel
	}
	return q
}

// inForce is EU DSS's first filter of the periods: those in force at t
// and, when a list reached with an MRA block gave one of them, only those
// translated by an enacted equivalence in force at t.
func inForce(periods []Period, t time.Time) []*Period {
	all := make([]*Period, len(periods))
	for i := range periods {
		all[i] = &periods[i]
	}
	s := filter(all, func(p *Period) bool {
		return !t.Before(p.Start) && (p.End == nil || !t.After(*p.End))
	})
	if slices.ContainsFunc(s, func(p *Period) bool { return p.MRAList }) {
		s = filter(s, func(p *Period) bool {
			return p.EnactedMRA && p.MRAEquivalenceStart != nil && !t.Before(*p.MRAEquivalenceStart) &&
				(p.MRAEquivalenceEnd == nil || !t.After(*p.MRAEquivalenceEnd))
		})
	}
	return s
}

// GrantedEU says whether a service stands behind the certificate at t as
// EU DSS reads the lists: one of the periods of the services covering it
// (Periods, translated by EvaluateAll) is in force at t (inForce: for a
// list reached with an MRA block, as translated by an enacted equivalence
// in force) with an EU status in force (model.InForceStatuses, EU DSS's
// GrantedOrRecognizedAtNationalLevelTrustAnchorPeriodPredicate). A third
// country's own status counts only as translated. It is the verdict of
// jtsl trust --mra.
func GrantedEU(periods []Period, t time.Time) bool {
	return slices.ContainsFunc(inForce(periods, t), func(p *Period) bool {
		return slices.Contains(model.InForceStatuses, p.Status)
	})
}

func filter(ps []*Period, keep func(*Period) bool) []*Period {
	var out []*Period
	for _, p := range ps {
		if keep(p) {
			out = append(out, p)
		}
	}
	return out
}

func first(ps []*Period) *Period {
	if len(ps) == 0 {
		return nil
	}
	return ps[0]
}

// verdict is the qualification with one service (CertificateQualificationCalculator).
func verdict(notBefore time.Time, c Content, p *Period) Qualification {
	qc := qualified(notBefore, c, p)
	typ := certType(notBefore, c, p, qc)
	sc := qscd(notBefore, c, p, qc)
	return Qualification{Name: matrix(qc, typ, sc), QC: qc, Type: typ, QSCD: sc}
}

// grantedAt: the status makes a qualified service at the period's start
// (GrantedServiceFilter).
func grantedAt(p *Period) bool {
	if postEIDAS(p.Start) {
		return p.Status == model.StatusGranted
	}
	switch p.Status {
	case model.SvcStatusPrefix + "undersupervision", model.SvcStatusPrefix + "supervisionincessation", model.SvcStatusPrefix + "accredited":
		return true
	}
	return false
}

func has(qs []string, name string) bool { return slices.Contains(qs, svcInfo+name) }

func usage(qs []string) []string {
	var out []string
	for _, n := range []string{"QCForESig", "QCForESeal", "QCForWSA"} {
		if has(qs, n) {
			out = append(out, svcInfo+n)
		}
	}
	return out
}

func qcFromCert(notBefore time.Time, c Content) bool {
	if postEIDAS(notBefore) {
		return c.QcCompliance && len(c.QcCClegislation) == 0
	}
	return (c.QcCompliance || slices.Contains(c.Policies, policyQCPPublic) || slices.Contains(c.Policies, policyQCPPublicWithSSCD)) &&
		len(c.QcCClegislation) == 0
}

func qualified(notBefore time.Time, c Content, p *Period) bool {
	if p == nil || !grantedAt(p) {
		return false
	}
	if has(p.Qualifiers, "NotQualified") {
		return false
	}
	if has(p.Qualifiers, "QCStatement") {
		return true
	}
	return qcFromCert(notBefore, c)
}

func typeFromCert(notBefore time.Time, c Content) string {
	if !postEIDAS(notBefore) {
		if c.QcCompliance || slices.Contains(c.Policies, policyQCPPublic) || slices.Contains(c.Policies, policyQCPPublicWithSSCD) {
			return TypeESign
		}
		return TypeUnknown
	}
	esign, eseal, web := slices.Contains(c.QcTypes, OIDQcTypeESign), slices.Contains(c.QcTypes, OIDQcTypeESeal), slices.Contains(c.QcTypes, OIDQcTypeWeb)
	n := 0
	for _, b := range []bool{esign, eseal, web} {
		if b {
			n++
		}
	}
	switch {
	case (n == 0 && c.QcCompliance) || (esign && n == 1):
		return TypeESign
	case eseal && n == 1:
		return TypeESeal
	case web && n == 1:
		return TypeWSA
	}
	return TypeUnknown
}

func certType(notBefore time.Time, c Content, p *Period, qc bool) string {
	if qc {
		if p == nil {
			return TypeUnknown
		}
		if !postEIDAS(p.Start) {
			return TypeESign
		}
		u := usage(p.Qualifiers)
		switch {
		case len(u) > 1:
			return TypeUnknown
		case has(u, "QCForESig"):
			return TypeESign
		case has(u, "QCForESeal"):
			return TypeESeal
		case has(u, "QCForWSA"):
			return TypeWSA
		}
	}
	return typeFromCert(notBefore, c)
}

func qscdFromCert(notBefore time.Time, c Content) bool {
	if postEIDAS(notBefore) {
		return c.QcSSCD
	}
	return c.QcSSCD || slices.Contains(c.Policies, policyQCPPublicWithSSCD)
}

func qscd(notBefore time.Time, c Content, p *Period, qc bool) bool {
	if p == nil || !qc {
		return false
	}
	q := p.Qualifiers
	if len(q) > 0 {
		if postEIDAS(p.Start) {
			switch {
			case has(q, "QCWithQSCD") || has(q, "QCQSCDManagedOnBehalf"):
				return true
			case has(q, "QCQSCDStatusAsInCert"):
				return qscdFromCert(notBefore, c)
			case has(q, "QCNoQSCD"):
				return false
			}
		} else {
			switch {
			case has(q, "QCWithSSCD"):
				return true
			case has(q, "QCSSCDStatusAsInCert"):
				return qscdFromCert(notBefore, c)
			case has(q, "QCNoSSCD"):
				return false
			}
		}
	}
	return qscdFromCert(notBefore, c)
}

func matrix(qc bool, typ string, qscd bool) string {
	if !qc {
		switch typ {
		case TypeESign:
			return CertForESig
		case TypeESeal:
			return CertForESeal
		case TypeWSA:
			return CertForWSA
		}
		return CertForUnknown
	}
	switch typ {
	case TypeESign:
		if qscd {
			return QCertForESigQSCD
		}
		return QCertForESig
	case TypeESeal:
		if qscd {
			return QCertForESealQSCD
		}
		return QCertForESeal
	case TypeWSA:
		return QCertForWSA
	}
	if qscd {
		return QCertForUnknownQSCD
	}
	return QCertForUnknown
}

// fitsType: the service may issue certificates of the certificate's type
// (ServiceByCertificateTypeFilter; only for certificates issued under eIDAS).
func fitsType(p *Period, notBefore time.Time, c Content) bool {
	if !postEIDAS(notBefore) {
		return true
	}
	asiESign := slices.Contains(p.ASIs, model.InfoForeSignatures)
	asiESeal := slices.Contains(p.ASIs, model.InfoForeSeals)
	asiWSA := slices.Contains(p.ASIs, model.InfoForWebSiteAuthentication)
	forESig, forESeal, forWSA := has(p.Qualifiers, "QCForESig"), has(p.Qualifiers, "QCForESeal"), has(p.Qualifiers, "QCForWSA")
	forESig = forESig || (!forESeal && !forWSA && c.QcCompliance)
	n := 0
	for _, b := range []bool{forESig, forESeal, forWSA} {
		if b {
			n++
		}
	}
	one := n == 1
	asiESign = asiESign && !has(p.Qualifiers, "QCForLegalPerson")
	overESig, overESeal, overWSA := asiESign && forESig && one, asiESeal && forESeal && one, asiWSA && forWSA && one
	switch typeFromCert(notBefore, c) {
	case TypeESign:
		return asiESign || overESeal || overWSA
	case TypeESeal:
		return asiESeal || overESig || overWSA
	case TypeWSA:
		return asiWSA || overESeal || overESig
	}
	return true
}

// consistentQC: QCStatement and NotQualified together are inconsistent.
func consistentQC(p *Period) bool {
	return !(has(p.Qualifiers, "QCStatement") && has(p.Qualifiers, "NotQualified"))
}

func consistentType(p *Period) bool {
	q := p.Qualifiers
	if has(q, "QCForLegalPerson") && has(q, "QCForESig") {
		return false
	}
	u := usage(q)
	if len(u) > 1 {
		return false
	}
	if len(p.ASIs) >= 1 && len(u) == 1 {
		want := map[string]string{svcInfo + "QCForESig": model.InfoForeSignatures, svcInfo + "QCForESeal": model.InfoForeSeals,
			svcInfo + "QCForWSA": model.InfoForWebSiteAuthentication}[u[0]]
		if !slices.Contains(p.ASIs, want) {
			return false
		}
	}
	if !postEIDAS(p.Start) {
		esig, seal, wsa := slices.Contains(p.ASIs, model.InfoForeSignatures), slices.Contains(p.ASIs, model.InfoForeSeals), slices.Contains(p.ASIs, model.InfoForWebSiteAuthentication)
		if (seal && !esig && !wsa) || (wsa && !esig && !seal) {
			return false
		}
		if has(q, "QCForESeal") || has(q, "QCForWSA") {
			return false
		}
	}
	return true
}

func consistentQSCD(p *Period) bool {
	q := p.Qualifiers
	with := has(q, "QCWithQSCD") || has(q, "QCWithSSCD") || has(q, "QCQSCDManagedOnBehalf")
	asIn := has(q, "QCQSCDStatusAsInCert") || has(q, "QCSSCDStatusAsInCert")
	no := has(q, "QCNoQSCD") || has(q, "QCNoSSCD")
	if (with || asIn) && no {
		return false
	}
	if asIn && with {
		return false
	}
	if postEIDAS(p.Start) && (has(q, "QCWithSSCD") || has(q, "QCNoSSCD")) && !(has(q, "QCWithQSCD") || has(q, "QCNoQSCD")) {
		return false
	}
	return true
}
