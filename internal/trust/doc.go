// Package trust answers the question a trusted list exists for: does a
// listed service stand behind this certificate at this time, with which
// status and qualifications?
//
// A service covers a certificate when one of its certificates issued it
// (same issuer name, matching key identifier, and the signature verifies
// with the service's key) or is it (a listed TSA or OCSP certificate).
// With a chain, the walk goes up from the certificate through the given
// intermediates until a listed service is found. The status is the one in
// force at the evaluation time, from the current status and ServiceHistory
// (TS 119 612 clauses 5.5.4, 5.5.5, 5.6; DSS derives each history period's
// end from the next newer start the same way). Qualifications (clause
// 5.5.9.2) are evaluated against the certificate as EU DSS does: a
// KeyUsage, PolicySet, ExtendedKeyUsage or CertSubjectDNAttribute element
// matches when all its members match; CriteriaList combines them with
// assert all, atLeastOne or none, recursively.
package trust
