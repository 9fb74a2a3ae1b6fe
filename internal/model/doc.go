// Package model holds a trusted list as plain Go values: the one in-memory
// shape that both the producer path (sources → XML) and the consumer path
// (XML → report, import, diff) meet in.
//
// The types follow ETSI TS 119 612 v2.4.1 clause 5 and its XML schema
// element by element, so that Decode(Encode(m)) == m holds for every list.
// Where the schema allows arbitrary content (extensions, OtherInformation,
// ds:KeyValue, DigitalId/Other) the model keeps the known shapes as typed
// fields and anything else as verbatim XML, so that nothing a real list
// carries is dropped.
//
// The URI constants of TS 119 612 live in uri.go and nowhere else.
package model
