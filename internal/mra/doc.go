// Package mra reads and writes the mutual recognition block of the EU's
// AdES LOTL (mra:MutualRecognitionAgreementInformation, MRA schema v2 of
// TS 119 612 v2.4.1; ../shared/docs/mra.md), makes the pointer that
// carries it (PointerTo, PointerXML) and the test AdES LOTL (TestLOTL).
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
// It is a codec: applying the block to a third country's services and
// certificates as EU DSS does (mra.md §5–§7) is the relying party's, and
// lives beside the qualification it feeds, in internal/trust
// (trust.Evaluate).
//
// Decoding is strict like a schema validator (every problem reported with
// its element path and line) and safe on hostile input (internal/xmldoc).
// Marshal is deterministic (namespaces declared on the block, schema
// order, UTC times, two-space indentation) and refuses a block the schema
// would refuse.
package mra
