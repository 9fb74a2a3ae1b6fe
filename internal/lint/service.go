package lint

import (
	"bytes"
	"crypto/x509"
	"encoding/base64"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/source"
)

// Rules on services, their extensions and their history (TS 119 612
// clauses 5.5, 5.5.9 and 5.6).

// isETSIType reports whether a service type is under the ETSI Svctype
// prefix; other types are defined by the scheme operator (annex D.3), and
// the type-dependent rules leave them alone.
func isETSIType(t string) bool { return strings.HasPrefix(t, model.SvcTypePrefix) }

// ecriTypes are the service types expiredCertsRevocationInfo may be used
// with (clause 5.5.9.1).
var ecriTypes = []string{model.SvcCAPKC, model.SvcCAQC, model.SvcNationalRootCAQC, model.SvcOCSP, model.SvcOCSPQC, model.SvcCRL, model.SvcCRLQC}

func extensionForType(p *Pass) {
	for _, e := range extensions(p.Set) {
		x := e.ext
		if e.svcType == "" {
			// Scheme and TSP extensions: the kinds of clause 5.5.9 are
			// service information extensions only.
			if kind := serviceOnlyKind(x); kind != "" {
				p.at(e.at, fix("move it to the service's extensions", ""),
					"%s is a service information extension (clause 5.5.9); it has no meaning here", kind)
			}
			continue
		}
		if !isETSIType(e.svcType) {
			continue
		}
		if x.Qualifications != nil && e.svcType != model.SvcCAQC {
			p.at(e.at, fix("remove the Qualifications extension", ""),
				"Qualifications apply to CA/QC services only (clause 5.5.9.2), not to %s", short(e.svcType))
		}
		if x.ExpiredCertsRevocationInfo != nil && !slices.Contains(ecriTypes, e.svcType) {
			p.at(e.at, fix("remove expired_certs_revocation_info", ""),
				"expiredCertsRevocationInfo applies to %s services only (clause 5.5.9.1), not to %s", shortTypes(ecriTypes), short(e.svcType))
		}
		if x.ExpiredCertsRevocationInfo != nil && x.Critical {
			p.at(e.at.Key("critical"), fix("make it non-critical", "false"),
				"expiredCertsRevocationInfo shall not be critical (clause 5.5.9.1)")
		}
	}
}

func serviceOnlyKind(x *model.Extension) string {
	switch {
	case x.Qualifications != nil:
		return "Qualifications"
	case x.ExpiredCertsRevocationInfo != nil:
		return "expiredCertsRevocationInfo"
	case x.TakenOverBy != nil:
		return "TakenOverBy"
	case x.AdditionalServiceInformation != nil:
		return "additionalServiceInformation"
	}
	return ""
}

// signingTypes are the service types that ForeSignatures and ForeSeals
// further specify: clause 5.5.9.4 lets them say that a service "is
// provided for" signatures or seals, and EU lists use them on CAs, their
// certificate-status services and the validation, preservation, creation
// and remote-QSCD services. webTypes are those ForWebSiteAuthentication
// specifies: the CAs of web-site certificates and their status services.
var (
	webTypes     = []string{model.SvcCAQC, model.SvcCAPKC, model.SvcNationalRootCAQC, model.SvcOCSPQC, model.SvcOCSP, model.SvcCRLQC, model.SvcCRL}
	signingTypes = append(slices.Clone(webTypes),
		model.SvcQESValidationQ, model.SvcAdESValidation, model.SvcPSESQ, model.SvcPSES, model.SvcAdESGeneration,
		model.SvcRemoteQSigCDQ, model.SvcRemoteQSealCDQ, model.SvcRemoteSigCD, model.SvcRemoteSealCD)
)

func additionalInfoForType(p *Pass) {
	for _, e := range extensions(p.Set) {
		a := e.ext.AdditionalServiceInformation
		if a == nil || !isETSIType(e.svcType) {
			continue
		}
		var allowed []string
		switch a.URI.Value {
		case model.InfoForeSignatures, model.InfoForeSeals:
			allowed = signingTypes
		case model.InfoForWebSiteAuthentication:
			allowed = webTypes
		case model.InfoRootCAQC:
			allowed = []string{model.SvcCAQC} // annex D.4
		default:
			continue
		}
		if !slices.Contains(allowed, e.svcType) {
			p.at(e.at.Key("additional_service_information.uri"), fix("remove this additional information", ""),
				"%s does not further specify a %s service (clause 5.5.9.4); it is for %s", a.URI.Value, short(e.svcType), shortTypes(allowed))
		}
	}
}

// shortTypes names service types without their common prefix.
func shortTypes(types []string) string {
	s := make([]string, len(types))
	for i, t := range types {
		s[i] = strings.TrimPrefix(t, model.SvcTypePrefix)
	}
	return strings.Join(s, ", ")
}

func statusForType(p *Pass) {
	current := []string{model.StatusGranted, model.StatusWithdrawn, model.StatusRecognisedAtNationalLevel, model.StatusDeprecatedAtNationalLevel}
	national := []string{model.StatusRecognisedAtNationalLevel, model.StatusDeprecatedAtNationalLevel}
	if at := p.Opts.IssueTime; !at.IsZero() && at.Before(eIDASStatuses) {
		return // the legacy values were the current ones then
	}
	for _, r := range p.services() {
		st, t := r.svc.Status, r.svc.Type
		if !strings.HasPrefix(st, model.SvcStatusPrefix) || !slices.Contains(model.ServiceTypes, t) {
			continue // a status or type the scheme defines (clause 5.5.4 for non-EU lists)
		}
		q := slices.Contains(model.QualifiedServiceTypes, t)
		want := model.StatusRecognisedAtNationalLevel
		if q {
			want = model.StatusGranted
		}
		at := r.statusAt(-1).Key("status")
		switch {
		case !slices.Contains(current, st):
			if slices.Contains(model.ServiceStatuses, st) {
				p.at(at, fix("use the current status value", want),
					"%s is a status value of before 1 July 2016, kept in history only; a %s service's status is %s (clause 5.5.4)", st, short(t), statusPair(q))
			}
		case q && slices.Contains(national, st):
			p.at(at, fix("use granted or withdrawn", want), "%s is a qualified service type: its status is %s, not %s (clause 5.5.4)", short(t), statusPair(q), st)
		case !q && !slices.Contains(national, st):
			p.at(at, fix("use recognisedatnationallevel or deprecatedatnationallevel", want),
				"%s is not a qualified service type: its status is %s, not %s (clause 5.5.4)", short(t), statusPair(q), st)
		}
	}
}

// eIDASStatuses is when the status values of Regulation (EU) 910/2014
// replaced the earlier ones (clause 5.5.4: "since 1 July 2016").
var eIDASStatuses = time.Date(2016, 7, 1, 0, 0, 0, 0, time.UTC)

// skiIdentity is the explicit history identity that names c's key.
func skiIdentity(c *x509.Certificate) string {
	return fmt.Sprintf("identity: [{subject_name: %q}, {ski: %s}]", model.DistinguishedName(c.RawSubject, c.Subject), base64.StdEncoding.EncodeToString(keyID(c)))
}

func short(t string) string { return strings.TrimPrefix(t, model.SvcTypePrefix) }

func statusPair(qualified bool) string {
	if qualified {
		return "granted or withdrawn"
	}
	return "recognisedatnationallevel or deprecatedatnationallevel"
}

func historyOrder(p *Pass) {
	for _, r := range p.services() {
		// History is newest first: History[n-1] is the oldest entry.
		n := len(r.svc.History)
		for i := n - 1; i >= 0; i-- {
			older := r.svc.History[i].StatusStartingTime
			newer, newerAt := r.svc.StatusStartingTime, r.statusAt(-1)
			if i > 0 {
				newer, newerAt = r.svc.History[i-1].StatusStartingTime, r.statusAt(i-1)
			}
			if !older.Before(newer) {
				p.at(newerAt.Key("from"), fix("write the status entries oldest first, each after the one before", ""),
					"status dates increase strictly, oldest first: %s is not after %s (clause 5.5.10; DSS ends each period at the next start)",
					newer.Format(model.TimeLayout), older.Format(model.TimeLayout))
			}
		}
		if at := p.Opts.IssueTime; !at.IsZero() && r.svc.StatusStartingTime.After(at) {
			p.at(r.statusAt(-1).Key("from"), fix("add the status to a list issued on or after its date", ""),
				"status starts %s, after the issue time %s: a list states the status in force when it is issued, no later one (clause 5.5.5)",
				r.svc.StatusStartingTime.Format(model.TimeLayout), at.Format(model.TimeLayout))
		}
	}
}

func criticalUnknown(p *Pass) {
	for _, e := range extensions(p.Set) {
		if e.ext.Critical && e.ext.XML != "" {
			p.at(e.at.Key("critical"), fix("make it non-critical", "false"),
				"a critical extension that consumers do not know makes them reject the whole list (clause 5.3.17, annex B.0)")
		}
	}
}

func historyKey(p *Pass) {
	for _, r := range p.services() {
		c := r.cert()
		if c == nil || len(c.SubjectKeyId) == 0 {
			continue
		}
		for i, h := range r.svc.History {
			for _, d := range h.Identity {
				if d.SKI != nil && !bytes.Equal(d.SKI, c.SubjectKeyId) {
					p.at(r.statusAt(i).Nearest("identity"), fix("list the new key as a new service entry", ""),
						"this history instance names key %X, the service's certificate has %X: a service entry has one key for its whole life (clause 5.5.3)", d.SKI, c.SubjectKeyId)
				}
			}
		}
	}
}

// historyIdentity checks clause 5.6.3: a history instance's digital
// identity has at least an X509SKI and no certificate.
func historyIdentity(p *Pass) {
	for _, r := range p.services() {
		for i, h := range r.svc.History {
			at := func() source.Loc { return r.statusAt(i).Nearest("identity") }
			if k := slices.IndexFunc(h.Identity, func(d model.DigitalID) bool { return d.Certificate != nil }); k >= 0 {
				fx := fix("name the key by subject name and SKI", "")
				if c, err := x509.ParseCertificate(h.Identity[k].Certificate); err == nil {
					fx.Value = skiIdentity(c)
				}
				p.at(at(), fx, "a history instance carries no certificate, only the X509SubjectName and X509SKI of its key (clause 5.6.3)")
				continue
			}
			if !slices.ContainsFunc(h.Identity, func(d model.DigitalID) bool { return d.SKI != nil }) {
				fx := fix("give the key's SKI", "")
				if c := r.cert(); c != nil {
					fx.Value = skiIdentity(c)
				}
				p.at(at(), fx, "a history instance's identity has at least an X509SKI (clause 5.6.3)")
			}
		}
	}
}

// supplyPointType warns of a supply point without its type; the fix
// offers the service's own type, the usual value.
func supplyPointType(p *Pass) {
	for _, r := range p.services() {
		for k, sp := range r.svc.SupplyPoints {
			if sp.Type == "" {
				p.at(p.loc(&r.svc.SupplyPoints[k]), fix("add the type of the service reached there", "type: "+r.svc.Type),
					"supply point %s has no type: readers of the JSON mirror refuse it (clause 5.5.7, TS 119 602)", sp.URI)
			}
		}
	}
}
