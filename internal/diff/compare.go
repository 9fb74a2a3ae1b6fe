package diff

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"

	"github.com/jtsl/jtsl/internal/model"
)

// Compare returns what changed from old to new. A nil list counts as an
// empty one, so that the first release compares against nil.
func Compare(old, new *model.List) *Report {
	if old == nil {
		old = &model.List{}
	}
	if new == nil {
		new = &model.List{}
	}
	r := &Report{
		Version: Version, Old: info(old), New: info(new),
		Scheme: schemeChanges(old, new),
		TSPs:   []TSPChange{},
	}
	if r.Scheme == nil {
		r.Scheme = []FieldChange{}
	}
	a, b := old.Providers, new.Providers
	withName := func(ids []string, name string) []string {
		out := make([]string, len(ids))
		for k, id := range ids {
			out[k] = id + " " + name
		}
		return out
	}
	// Unchanged TSPs pair first. Clause 5.4.2: the registration
	// identifier names the legal or natural person whatever its name is
	// today. Real lists give one identifier to several TSP entries (UK
	// tScheme: two BT entries), so identifier and name together go first.
	partner := match(len(a), len(b),
		func(i int) []string { return fingerprint(&a[i]) },
		func(j int) []string { return fingerprint(&b[j]) },
	).then(
		func(i int) []string { return withName(a[i].RegistrationIDs(), a[i].Name.English()) },
		func(j int) []string { return withName(b[j].RegistrationIDs(), b[j].Name.English()) },
	).then(
		func(i int) []string { return a[i].RegistrationIDs() },
		func(j int) []string { return b[j].RegistrationIDs() },
	).then(
		func(i int) []string { return nonEmpty(a[i].Name.English()) },
		func(j int) []string { return nonEmpty(b[j].Name.English()) },
	)
	for j := range b {
		if i := partner.of[j]; i >= 0 {
			if c := tspChange(&a[i], &b[j]); c != nil {
				r.TSPs = append(r.TSPs, *c)
			}
			continue
		}
		r.TSPs = append(r.TSPs, wholeTSP(&b[j], Added))
	}
	for i := range a {
		if !partner.paired[i] {
			r.TSPs = append(r.TSPs, wholeTSP(&a[i], Removed))
		}
	}
	r.count()
	return r
}

func (r *Report) count() {
	s := &r.Summary
	s.SchemeChanged = len(r.Scheme)
	for _, t := range r.TSPs {
		switch t.Change {
		case Added:
			s.TSPsAdded++
		case Removed:
			s.TSPsRemoved++
		default:
			s.TSPsChanged++
		}
		for _, sv := range t.Services {
			switch sv.Change {
			case Added:
				s.ServicesAdded++
			case Removed:
				s.ServicesRemoved++
			default:
				s.ServicesChanged++
			}
		}
	}
}

// wholeTSP reports a TSP added or removed with all its services.
func wholeTSP(t *model.TSP, change string) TSPChange {
	c := TSPChange{Change: change, Name: t.Name.English(), ID: first(t.RegistrationIDs())}
	for i := range t.Services {
		c.Services = append(c.Services, wholeService(&t.Services[i], change))
	}
	return c
}

// wholeService reports a service added or removed: its status and its
// certificates on the side where it exists.
func wholeService(s *model.Service, change string) ServiceChange {
	c := ServiceChange{Change: change, Name: s.Name.English(), Type: s.Type}
	certs := certSums(s.Identity)
	if change == Added {
		c.Status = &StatusChange{To: s.Status, Since: stamp(s.StatusStartingTime)}
		if len(certs) > 0 {
			c.Certificates = &CertChange{New: certs}
		}
	} else {
		c.Status = &StatusChange{From: s.Status, FromSince: stamp(s.StatusStartingTime)}
		if len(certs) > 0 {
			c.Certificates = &CertChange{Old: certs}
		}
	}
	return c
}

func tspChange(o, n *model.TSP) *TSPChange {
	c := &TSPChange{Change: Changed, Name: n.Name.English(), ID: first(n.RegistrationIDs())}
	c.Fields = tspFields(o, n)
	a, b := o.Services, n.Services
	certA, certB := make([][]string, len(a)), make([][]string, len(b))
	for i := range a {
		certA[i] = certSums(a[i].Identity)
	}
	for j := range b {
		certB[j] = certSums(b[j].Identity)
	}
	withType := func(sums []string, typ string) []string {
		out := make([]string, len(sums))
		for k, s := range sums {
			out[k] = s + " " + typ
		}
		return out
	}
	// Unchanged services pair first: real lists break clause 5.5.3 and
	// list one key twice under one type (BE: a CA/QC for e-signatures and
	// one for e-seals). Then clause 5.5.3: one public key per service
	// entry, and the same key may be listed once per service type — so the
	// certificate and the type together name a service; the certificate
	// alone catches a type change; type and name catch a new certificate on
	// the same service.
	partner := match(len(a), len(b),
		func(i int) []string { return fingerprint(&a[i]) },
		func(j int) []string { return fingerprint(&b[j]) },
	).then(
		func(i int) []string { return withType(certA[i], a[i].Type) },
		func(j int) []string { return withType(certB[j], b[j].Type) },
	).then(
		func(i int) []string { return certA[i] },
		func(j int) []string { return certB[j] },
	).then(
		func(i int) []string { return []string{a[i].Type + " " + a[i].Name.English()} },
		func(j int) []string { return []string{b[j].Type + " " + b[j].Name.English()} },
	)
	for j := range b {
		if i := partner.of[j]; i >= 0 {
			if sc := serviceChange(&a[i], &b[j], certA[i], certB[j]); sc != nil {
				c.Services = append(c.Services, *sc)
			}
			continue
		}
		c.Services = append(c.Services, wholeService(&b[j], Added))
	}
	for i := range a {
		if !partner.paired[i] {
			c.Services = append(c.Services, wholeService(&a[i], Removed))
		}
	}
	if len(c.Fields) == 0 && len(c.Services) == 0 {
		return nil
	}
	return c
}

func serviceChange(o, n *model.Service, certO, certN []string) *ServiceChange {
	c := &ServiceChange{Change: Changed, Name: n.Name.English(), Type: n.Type}
	if o.Status != n.Status || !o.StatusStartingTime.Equal(n.StatusStartingTime) {
		c.Status = &StatusChange{
			From: o.Status, FromSince: stamp(o.StatusStartingTime),
			To: n.Status, Since: stamp(n.StatusStartingTime),
		}
	}
	if !slices.Equal(certO, certN) {
		c.Certificates = &CertChange{Old: certO, New: certN}
	}
	c.Fields = serviceFields(o, n)
	if c.Status == nil && c.Certificates == nil && len(c.Fields) == 0 {
		return nil
	}
	return c
}

// fingerprint names a value by its whole content.
func fingerprint(v any) []string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // the model holds only strings, numbers, times and slices
	}
	sum := sha256.Sum256(b)
	return []string{hex.EncodeToString(sum[:])}
}

// certSums returns the SHA-256 of each X509Certificate of an identity, in
// document order.
func certSums(id model.DigitalIdentity) []string {
	var out []string
	for _, d := range id {
		if d.Certificate != nil {
			sum := sha256.Sum256(d.Certificate)
			out = append(out, hex.EncodeToString(sum[:]))
		}
	}
	return out
}

// pairing is a one-to-one matching of the items of two lists.
type pairing struct {
	of     []int  // of[j] is the index in the old list paired with new item j, or -1
	paired []bool // paired[i] tells whether old item i is paired
}

// match pairs the items of two lists of lengths na and nb that share a
// key, one to one, in list order: each new item takes the first unpaired
// old item holding any of its keys.
func match(na, nb int, keyA, keyB func(int) []string) *pairing {
	p := &pairing{of: make([]int, nb), paired: make([]bool, na)}
	for j := range p.of {
		p.of[j] = -1
	}
	return p.then(keyA, keyB)
}

// then pairs the items still unpaired by another key.
func (p *pairing) then(keyA, keyB func(int) []string) *pairing {
	byKey := map[string][]int{}
	for i := range p.paired {
		if !p.paired[i] {
			for _, k := range keyA(i) {
				byKey[k] = append(byKey[k], i)
			}
		}
	}
	for j := range p.of {
		if p.of[j] >= 0 {
			continue
		}
	keys:
		for _, k := range keyB(j) {
			for _, i := range byKey[k] {
				if !p.paired[i] {
					p.of[j], p.paired[i] = i, true
					break keys
				}
			}
		}
	}
	return p
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}
