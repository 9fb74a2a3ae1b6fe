package lint

import (
	"bytes"
	"crypto/x509"
	"fmt"
	"strings"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/model"
)

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
	for _, r := range p.services() {
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
	for _, r := range p.services() {
		cs := certsOf(r.svc.Identity)
		for _, c := range cs[min(1, len(cs)):] {
			if !bytes.Equal(c.RawSubjectPublicKeyInfo, cs[0].RawSubjectPublicKeyInfo) || !bytes.Equal(c.RawSubject, cs[0].RawSubject) {
				p.at(r.f, r.path+".identity", &diag.Fix{Message: "list each key as its own service"}, "the identity holds certificates with different keys or subjects")
			}
		}
	}
}

func skiMatches(p *Pass) {
	for _, r := range p.services() {
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
	for _, r := range p.services() {
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
	for _, r := range p.services() {
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
	for _, r := range p.services() {
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
	for _, r := range p.services() {
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

func historyKey(p *Pass) {
	for _, r := range p.services() {
		if r.cert == nil || len(r.cert.SubjectKeyId) == 0 {
			continue
		}
		n := len(r.svc.History)
		for i, h := range r.svc.History {
			for _, d := range h.Identity {
				if d.SKI != nil && !bytes.Equal(d.SKI, r.cert.SubjectKeyId) {
					p.at(r.f, fmt.Sprintf("%s.status[%d]", r.path, n-1-i), &diag.Fix{Message: "list the new key as a new service entry"},
						"this history instance names key %X, the service's certificate has %X", d.SKI, r.cert.SubjectKeyId)
				}
			}
		}
	}
}
