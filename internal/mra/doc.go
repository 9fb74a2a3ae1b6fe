// Package mra reads and writes the mutual recognition block of the EU's
// AdES LOTL (mra:MutualRecognitionAgreementInformation, MRA schema v2 of
// TS 119 612 v2.4.1) and applies it to a third country's services and
// certificates exactly as EU DSS does (../shared/docs/mra.md).
//
// The block sits in a LOTL pointer's OtherInformation, which the list
// decoder (internal/tsl) keeps as verbatim XML:
//
//	a, err := mra.FromPointer(ptr, file)   // nil, nil when the pointer has none
//	a, err := mra.Parse(data, file)        // a document whose root is the block
//	xml, err := mra.Marshal(a)             // the block as OtherInformation.XML
//
// Agreement mirrors the schema element by element: one Equivalence per
// TrustServiceEquivalenceInformation (legal identifier, current Terms and
// History), each Terms with the service type map (pointed → pointing, with
// AdditionalServiceInformation), the valid and invalid status maps, the
// certificate content equivalences (contexts QcCompliance, QcType, QcQSCD;
// conditions and declarations are model.CriteriaList, whose
// otherCriteriaList may hold mra:QcStatementSet) and the qualifier map.
// The TS 119 612 types inside the block are decoded and encoded by
// internal/tsl's Fragment codec, so they have one codec.
//
// Applying it (mra.md §5–§7) is a pure function of the block, the status
// periods of the third-country services that cover a certificate
// (trust.Periods), the certificate and a time; nothing reads the clock:
//
//	ev := mra.Evaluate(a, periods, cert, at)
//	ev.Periods          // translated services: EU type, status, ASI, qualifiers, enacted, legal identifier
//	ev.Enacted, ev.LegalIdentifier, ev.Contexts   // the certificate's translation
//	ev.AtIssuance, ev.AtTime                      // trust.Qualify at notBefore and at
//
// The EU qualification itself is trust.Qualify: the MRA changes only its
// input (and gates it on an enacted equivalence in force).
//
// Decoding is strict like a schema validator (every problem reported with
// its element path and line) and safe on hostile input (internal/xmldoc).
// Marshal is deterministic (namespaces declared on the block, schema
// order, UTC times, two-space indentation) and refuses a block the schema
// would refuse.
package mra
