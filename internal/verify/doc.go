// Package verify checks a trusted list the way a consumer does — EU DSS
// above all — and reports every check by name with pass, warn or fail and
// why. It is the one place a signed list is checked: jtsl verify, the
// build's self-verification of what it signed, the previous release a
// build continues from, jtsl sign's check of its output and every list
// jtsl trust reads all go through Check, with Options for the pinned
// signers, the evaluation time, the limits and what the caller judges
// itself; a list that fails comes back as one *Error (Report.Err).
//
// The checks are a registry, Checks (ID, title, the EU DSS rules R1–R31
// of DSSRules they implement, documentation); docs/checks.md is generated
// from it and `jtsl verify --explain` prints one entry. In order: the
// document is well-formed XML without DTD, its root is
// tsl:TrustServiceStatusList, its structure is that of the TS 119 612
// v2.4.1 schema (strict decoding with element paths and lines),
// TSLVersionIdentifier is accepted, NextUpdate is present and after the
// evaluation time, and the XAdES signature passes every check of package
// xades, including the signature-wrapping defences and, when certificates
// are given, pinning of the signer.
//
// Rules that concern a download or a list of lists (R2 change detection,
// R20 freshness of the download, R21 .sha2 companion, R29–R31 pointers
// and MRA) are not checks of a single file; DSSRules says where jtsl
// takes care of each.
package verify
