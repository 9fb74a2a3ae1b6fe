package trust

import (
	"crypto/x509"
	"encoding/asn1"
	"slices"
)

// QC statement OIDs of ETSI EN 319 412-5 that EU qualification reads.
const (
	OIDQcCompliance    = "0.4.0.1862.1.1"
	OIDQcSSCD          = "0.4.0.1862.1.4"
	OIDQcType          = "0.4.0.1862.1.6"
	OIDQcCClegislation = "0.4.0.1862.1.7"
	OIDQcTypeESign     = "0.4.0.1862.1.6.1"
	OIDQcTypeESeal     = "0.4.0.1862.1.6.2"
	OIDQcTypeWeb       = "0.4.0.1862.1.6.3"
)

var oidQCStatements = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 1, 3}

// Content is what EU qualification reads from a certificate: its QC
// statements (EN 319 412-5) and policies. An MRA translation replaces the
// QC statements (internal/mra); the rest of the rules read only this.
type Content struct {
	HasQcStatements bool     // the certificate has a qcStatements extension
	Statements      []string // statement OIDs, in certificate order
	QcCompliance    bool
	QcSSCD          bool
	QcTypes         []string // QcType OIDs
	QcCClegislation []string // country codes
	Policies        []string // certificate policy OIDs
}

// ContentOf reads a certificate's QC statements and policies. A
// qcStatements extension that does not parse counts as none.
func ContentOf(cert *x509.Certificate) Content {
	var c Content
	for _, p := range cert.Policies {
		c.Policies = append(c.Policies, p.String())
	}
	if len(c.Policies) == 0 {
		for _, p := range cert.PolicyIdentifiers {
			c.Policies = append(c.Policies, p.String())
		}
	}
	for _, ext := range cert.Extensions {
		if !ext.Id.Equal(oidQCStatements) {
			continue
		}
		var stmts []struct {
			ID   asn1.ObjectIdentifier
			Info asn1.RawValue `asn1:"optional"`
		}
		if rest, err := asn1.Unmarshal(ext.Value, &stmts); err != nil || len(rest) > 0 {
			return c
		}
		c.HasQcStatements = true
		for _, s := range stmts {
			id := s.ID.String()
			c.Statements = append(c.Statements, id)
			switch id {
			case OIDQcCompliance:
				c.QcCompliance = true
			case OIDQcSSCD:
				c.QcSSCD = true
			case OIDQcType:
				var types []asn1.ObjectIdentifier
				if _, err := asn1.Unmarshal(s.Info.FullBytes, &types); err == nil {
					for _, t := range types {
						c.QcTypes = append(c.QcTypes, t.String())
					}
				}
			case OIDQcCClegislation:
				var ccs []string
				if _, err := asn1.Unmarshal(s.Info.FullBytes, &ccs); err == nil {
					c.QcCClegislation = append(c.QcCClegislation, ccs...)
				}
			}
		}
	}
	return c
}

// hasStatement reports whether the certificate holds the statement oid
// (with QcType typ and legislation cc when given), as EU DSS's
// QCStatementCondition does: no qcStatements extension, no match.
func (c Content) hasStatement(oid, typ, cc string) bool {
	if !c.HasQcStatements {
		return false
	}
	if oid != "" && !slices.Contains(c.Statements, oid) {
		return false
	}
	if typ != "" && !slices.Contains(c.QcTypes, typ) {
		return false
	}
	if cc != "" && !slices.Contains(c.QcCClegislation, cc) {
		return false
	}
	return true
}
