// Package site renders the human-readable page of a trusted list: one
// self-contained index.html in Japanese and English — no external assets,
// no script, readable on a phone — with the scheme information, every TSP
// and service with its type, status and status history, and each service
// certificate's subject, validity and SHA-256 fingerprint, plus links to
// the XML, its JSON mirror and the signer's certificate.
//
// TS 119 612 v2.4.1 clause 5.1.1: a list published in other formats than
// XML carries the same information, and the XML stays authoritative; the
// page says so. Types and statuses (clauses 5.5.1, 5.5.4) are shown with a
// label in both languages and the URI itself; a URI without a label (a
// nationally defined one, clause 5.5.1.3) shows its last segment.
//
// The template lives in the repository's templates folder and is embedded
// (package templates). html/template escapes every value from the list
// for its context, so a name cannot inject markup or script.
package site
