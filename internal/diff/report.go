package diff

import "github.com/jtsl/jtsl/internal/model"

// Version is the version of the report's JSON shape (see the package doc).
const Version = 1

// Kinds of change of a TSP or a service.
const (
	Added   = "added"
	Removed = "removed"
	Changed = "changed"
)

// A Report is what changed from one list to another. Its JSON shape is
// stable and documented in the package doc.
type Report struct {
	Version int           `json:"version"`
	Old     ListInfo      `json:"old"`
	New     ListInfo      `json:"new"`
	Summary Summary       `json:"summary"`
	Scheme  []FieldChange `json:"scheme"` // SchemeInformation changes
	TSPs    []TSPChange   `json:"tsps"`   // in new-list order, then the removed ones
	// Files are the changes of the other files of a release that the
	// sources determine (a build's report only; see FileChange).
	Files []FileChange `json:"files,omitempty"`
	// Signer is set by a build whose signer certificate differs from the
	// previous release's (jtsl build --new-signer); it is not a change
	// of the list's content.
	Signer *SignerChange `json:"signer,omitempty"`
}

// A Signer names a signer certificate: its subject and the SHA-256 of its
// DER, and whether it is jtsl's development key.
type Signer struct {
	Subject        string `json:"subject"`
	SHA256         string `json:"sha256"`
	DevelopmentKey bool   `json:"development_key"`
}

// A SignerChange is the previous and the new signer of a release.
type SignerChange struct {
	Old Signer `json:"old"`
	New Signer `json:"new"`
}

// ListInfo identifies one side of the comparison by the values every
// release changes.
type ListInfo struct {
	Territory  string `json:"territory"`
	Sequence   int    `json:"sequence,omitempty"`    // 0: a sources folder
	ID         string `json:"id,omitempty"`          // root Id attribute
	IssueTime  string `json:"issue_time,omitempty"`  // ListIssueDateTime
	NextUpdate string `json:"next_update,omitempty"` // "" for a closed list or no date yet
}

// A Summary counts the changes, services of added and removed TSPs
// included.
type Summary struct {
	SchemeChanged   int `json:"scheme_changed"` // SchemeInformation values changed, added or removed
	TSPsAdded       int `json:"tsps_added"`
	TSPsRemoved     int `json:"tsps_removed"`
	TSPsChanged     int `json:"tsps_changed"`
	ServicesAdded   int `json:"services_added"`
	ServicesRemoved int `json:"services_removed"`
	ServicesChanged int `json:"services_changed"`
}

// A FieldChange is one changed value. Field names the TS 119 612 element,
// with the language in brackets for a multilingual value (SchemeName[ja]).
// Old is empty for a value added, New for a value removed.
type FieldChange struct {
	Field string `json:"field"`
	Old   string `json:"old,omitempty"`
	New   string `json:"new,omitempty"`
}

// A TSPChange is one TSP that was added, removed or changed.
type TSPChange struct {
	Change string `json:"change"` // Added, Removed or Changed
	Name   string `json:"name"`   // English TSPName (the new one if changed)
	// ID is the first official registration identifier (clause 5.4.2).
	ID       string          `json:"id,omitempty"`
	Fields   []FieldChange   `json:"fields,omitempty"`
	Services []ServiceChange `json:"services,omitempty"`
}

// A ServiceChange is one service that was added, removed or changed.
type ServiceChange struct {
	Change       string        `json:"change"` // Added, Removed or Changed
	Name         string        `json:"name"`   // English ServiceName
	Type         string        `json:"type"`   // ServiceTypeIdentifier
	Status       *StatusChange `json:"status,omitempty"`
	Certificates *CertChange   `json:"certificates,omitempty"`
	Fields       []FieldChange `json:"fields,omitempty"`
}

// A StatusChange is a changed ServiceStatus or StatusStartingTime (clauses
// 5.5.4, 5.5.5). An added service has only To and Since, a removed one
// only From and FromSince.
type StatusChange struct {
	From      string `json:"from,omitempty"`
	FromSince string `json:"from_since,omitempty"`
	To        string `json:"to,omitempty"`
	Since     string `json:"since,omitempty"`
}

// A CertChange lists the SHA-256 of a service's certificates before and
// after (ServiceDigitalIdentity, clause 5.5.3).
type CertChange struct {
	Old []string `json:"old,omitempty"`
	New []string `json:"new,omitempty"`
}

// Empty reports whether nothing changed. It is jtsl's one definition of
// "the content changed": a build publishes a new sequence number only
// when the report is not empty (or --reissue asks for one). A change of
// a release file beside the list (Files) is a change.
func (r *Report) Empty() bool { return len(r.Scheme) == 0 && len(r.TSPs) == 0 && len(r.Files) == 0 }

func info(l *model.List) ListInfo {
	li := ListInfo{Territory: l.Scheme.Territory, Sequence: l.Scheme.SequenceNumber, ID: l.ID}
	li.IssueTime = stamp(l.Scheme.ListIssueDateTime)
	if l.Scheme.NextUpdate != nil {
		li.NextUpdate = stamp(*l.Scheme.NextUpdate) // zero: not closed, date not set (sources)
	}
	return li
}
