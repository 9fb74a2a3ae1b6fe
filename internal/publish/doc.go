// Package publish turns sources into a signed, checked release.
//
// Build runs the producer path of DESIGN.md: load and validate the sources,
// lint them, encode the list (ETSI TS 119 612 v2.4.1), check the signer
// certificate's profile (clause 5.7.1), sign (XAdES-B-B), verify the signed
// bytes with the consumer's own checks, derive the JSON mirror, its JWS and
// the HTML page, and hand each file to the release (package release),
// which stages it beside the output folder and puts the whole release
// live in one step. SignDocument is the same signing and checking for a
// list compiled elsewhere (jtsl sign).
package publish
