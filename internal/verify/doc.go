// Package verify checks a trusted list the way a consumer does — EU DSS
// above all (docs/dss-tl-checks.md in the shared folder, rules R1–R31) —
// and reports every check by name with pass, warn or fail and why.
//
// The checks, in order: the document is well-formed XML without DTD (R1),
// its root is tsl:TrustServiceStatusList (R6), its structure is that of
// the TS 119 612 v2.4.1 schema (R7, strict decoding with element paths and
// lines), TSLVersionIdentifier is accepted (R5: 5 or 6), NextUpdate is
// present (R19) and after the evaluation time (R19), and the XAdES
// signature passes every check of package xades (R8–R18), including the
// signature-wrapping defences and, when certificates are given, pinning of
// the signer (R15, R30).
//
// Rules of docs/dss-tl-checks.md that concern a download or a list of
// lists (R2 change detection, R20 freshness of the download, R21 .sha2
// companion, R29–R31 pointers and MRA) are not checks of a single file;
// R21 is checked by the publish step on our own releases.
package verify
