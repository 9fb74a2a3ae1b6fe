package trust

import (
	"crypto/x509"
	"strings"

	"github.com/jtsl/jtsl/internal/model"
)

// CriteriaMatch reports whether a certificate meets a CriteriaList, as
// EU DSS evaluates one (a service's Qualifications, an MRA block's
// certificate content condition).
func CriteriaMatch(cl model.CriteriaList, cert *x509.Certificate) bool {
	return criteriaMatch(cl, cert)
}

// criteriaMatch evaluates a CriteriaList against a certificate
// (TS 119 612 clause 5.5.9.2; DSS CriteriaListCondition).
func criteriaMatch(cl model.CriteriaList, cert *x509.Certificate) bool {
	var results []bool
	for _, ku := range cl.KeyUsage {
		results = append(results, keyUsageMatch(ku, cert))
	}
	for _, ps := range cl.PolicySets {
		results = append(results, policySetMatch(ps, cert))
	}
	for _, nested := range cl.CriteriaList {
		results = append(results, criteriaMatch(nested, cert))
	}
	if cl.Other != nil {
		for _, o := range cl.Other.Items {
			switch {
			case o.ExtendedKeyUsage != nil:
				results = append(results, ekuMatch(o.ExtendedKeyUsage, cert))
			case o.CertSubjectDNAttribute != nil:
				results = append(results, dnAttrMatch(o.CertSubjectDNAttribute, cert))
			case o.QcStatementSet != nil:
				results = append(results, qcStatementSetMatch(o.QcStatementSet, cert))
			default:
				results = append(results, false) // unknown criterion: never assume it holds
			}
		}
	}
	switch cl.Assert {
	case "atLeastOne":
		for _, r := range results {
			if r {
				return true
			}
		}
		return false
	case "none":
		for _, r := range results {
			if r {
				return false
			}
		}
		return true
	default: // "all"
		for _, r := range results {
			if !r {
				return false
			}
		}
		return true
	}
}

var keyUsageBits = map[string]x509.KeyUsage{
	"digitalSignature": x509.KeyUsageDigitalSignature,
	"nonRepudiation":   x509.KeyUsageContentCommitment,
	"keyEncipherment":  x509.KeyUsageKeyEncipherment,
	"dataEncipherment": x509.KeyUsageDataEncipherment,
	"keyAgreement":     x509.KeyUsageKeyAgreement,
	"keyCertSign":      x509.KeyUsageCertSign,
	"crlSign":          x509.KeyUsageCRLSign,
	"encipherOnly":     x509.KeyUsageEncipherOnly,
	"decipherOnly":     x509.KeyUsageDecipherOnly,
}

func keyUsageMatch(ku model.KeyUsage, cert *x509.Certificate) bool {
	for _, b := range ku {
		bit, ok := keyUsageBits[b.Name]
		if !ok || (cert.KeyUsage&bit != 0) != b.Value {
			return false
		}
	}
	return true
}

// oidString normalises "urn:oid:1.2.3" and "1.2.3".
func oidString(id model.ObjectIdentifier) string {
	s := strings.TrimSpace(id.Identifier)
	s = strings.TrimPrefix(s, "urn:oid:")
	return s
}

func policySetMatch(set []model.ObjectIdentifier, cert *x509.Certificate) bool {
	have := map[string]bool{}
	for _, p := range cert.PolicyIdentifiers {
		have[p.String()] = true
	}
	for _, p := range cert.Policies { // OIDs with arcs too large for PolicyIdentifiers
		have[p.String()] = true
	}
	for _, id := range set {
		if !have[oidString(id)] {
			return false
		}
	}
	return true
}

func ekuMatch(ids []model.ObjectIdentifier, cert *x509.Certificate) bool {
	have := map[string]bool{}
	for _, o := range cert.UnknownExtKeyUsage {
		have[o.String()] = true
	}
	for _, u := range cert.ExtKeyUsage {
		if o, ok := extKeyUsageOID[u]; ok {
			have[o] = true
		}
	}
	for _, id := range ids {
		if !have[oidString(id)] {
			return false
		}
	}
	return true
}

var extKeyUsageOID = map[x509.ExtKeyUsage]string{
	x509.ExtKeyUsageServerAuth:      "1.3.6.1.5.5.7.3.1",
	x509.ExtKeyUsageClientAuth:      "1.3.6.1.5.5.7.3.2",
	x509.ExtKeyUsageCodeSigning:     "1.3.6.1.5.5.7.3.3",
	x509.ExtKeyUsageEmailProtection: "1.3.6.1.5.5.7.3.4",
	x509.ExtKeyUsageTimeStamping:    "1.3.6.1.5.5.7.3.8",
	x509.ExtKeyUsageOCSPSigning:     "1.3.6.1.5.5.7.3.9",
}

func dnAttrMatch(ids []model.ObjectIdentifier, cert *x509.Certificate) bool {
	have := map[string]bool{}
	for _, a := range cert.Subject.Names {
		have[a.Type.String()] = true
	}
	for _, id := range ids {
		if !have[oidString(id)] {
			return false
		}
	}
	return true
}

// qcStatementSetMatch: every statement of an mra:QcStatementSet holds
// (EU DSS QCStatementCondition: the statement, its QcType and its
// QcCClegislation country, each when given).
func qcStatementSetMatch(set []model.QcStatement, cert *x509.Certificate) bool {
	c := ContentOf(cert)
	for _, q := range set {
		var typ, cc string
		if q.QcType != nil {
			typ = oidString(*q.QcType)
		}
		if q.QcCClegislation != nil {
			cc = *q.QcCClegislation
		}
		if !c.hasStatement(oidString(q.ID), typ, cc) {
			return false
		}
	}
	return true
}
