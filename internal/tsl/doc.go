// Package tsl encodes the model as an ETSI TS 119 612 v2.4.1 XML trusted
// list and decodes any real list (TSLVersionIdentifier 4, 5 or 6, with or
// without the tsl: prefix) back into the model.
//
// Encoding is deterministic: fixed namespace prefixes declared on the root,
// elements in the order of the XSD sequences, dates in the UTC form of
// clause 5.1.3, two-space indentation. Decoding is strict like an XSD
// validator: an unknown or misplaced element, a missing mandatory one or a
// value of the wrong type is reported with its element path and line, and
// decoding goes on to report every problem. Extension content that the
// model does not know is kept verbatim, never dropped.
//
// Each part is described once (enc, xmlenc.go) and written either as an
// etree (Encode) or, for signing, straight into its exclusive canonical
// form (WriteCanonical), the bytes a build signs and publishes.
//
// One file per part of clause 5, encode and decode side by side.
package tsl
