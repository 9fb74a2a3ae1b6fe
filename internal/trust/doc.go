// Package trust answers the question a trusted list exists for: does a
// listed service stand behind this certificate at this time, with which
// status and qualifications?
//
// Walk decides which lists to look in, as EU DSS does: each list is
// verified with verify.Check at the verification time (not the status
// time), pinned to the signer certificates the user gave or, for a list a
// list of lists points to, to the certificates its pointer names; only
// pointers with a followed TSLType and an XML MimeType are fetched, over
// https or plain http (the pinned signature vouches for the list, not the
// transport) or from a file the user mapped, never from a local path the
// pointer names. A list that is not pinned is not used unless the caller
// allows it (fail closed); a list past its NextUpdate is used with an
// alert, as EU DSS uses it, unless the caller requires fresh lists. Every
// list met is reported with how it was reached (for a pointed list, the
// pointer itself, whose additional information may carry an MRA block),
// whether it was used, and why not.
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
// assert all, atLeastOne or none, recursively; an mra:QcStatementSet
// criterion holds when the certificate carries each QC statement.
//
// Qualify is EU DSS's certificate qualification at a time
// (CertQualificationAtTimeBlock), the one place jtsl computes it: from the
// status periods of the covering services (Periods: the current status and
// each history instance, captured qualifiers, AdditionalServiceInformation)
// and the certificate's QC statements and policies (ContentOf), it filters
// the periods by time (and, for a list reached with an MRA block, by an
// enacted equivalence in force), by CA/QC, by certificate type, by status
// consistency and by granted status, then decides QC, type and QSCD (the
// list's qualifiers overrule the certificate) and names the result as EU
// DSS does (QCERT_FOR_ESIG_QSCD, CERT_FOR_ESEAL, NA, ...).
//
// For a list reached through a pointer with an MRA block (its types and
// XML are internal/mra's), Translate maps a third country's periods and
// certificate content to the EU's first, as EU DSS does (mra.md §5–§7);
// Evaluate and EvaluateAll translate and then Qualify. They are pure
// functions of the block, the periods, the certificate and a time:
//
//	ev := trust.Evaluate(a, periods, cert, at)
//	ev.Periods          // translated services: EU type, status, ASI, qualifiers, enacted, legal identifier
//	ev.Enacted, ev.LegalIdentifier, ev.Contexts   // the certificate's translation
//	ev.AtIssuance, ev.AtTime                      // Qualify at notBefore and at
//
// The MRA changes only Qualify's input (and gates it on an enacted
// equivalence in force).
package trust
