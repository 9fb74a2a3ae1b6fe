// Package mirror writes the JSON mirror of a trusted list: the same
// information as the XML (ETSI TS 119 612 v2.4.1 clause 5.1.1), in the
// shapes of the ETSI TS 119 602 JSON binding ({"LoTE": {…}}), valid against
// the ETSI schema, and signed as a compact JWS (JAdES-B-B) with the key that
// signs the XML.
//
// Where TS 119 602 has no place for a TS 119 612 field, the mirror uses
// members the ETSI schema allows and documents them in its own stricter
// schema (schema.json, published in every release):
//   - LoTEVersionIdentifier is 1 (the LoTE format); the TL's own version,
//     TSLTag and root Id are in a final SchemeExtensions item
//     {"jtslListInformation": {…}};
//   - extensions are {"Critical": bool, <kind>: …} with kind
//     AdditionalServiceInformation, Qualifications, TakenOverBy,
//     ExpiredCertsRevocationInfo or XML (verbatim);
//   - a ServiceDigitalIdentity keeps the order of its DigitalId elements
//     in "jtslOrder" and ds:KeyValue elements verbatim in "jtslKeyValues"
//     (next to their JWK in PublicKeyValues);
//   - a pointer's AdditionalInformation, which TS 119 602 can only express
//     as one LoTEQualifier, is kept item by item in "jtslAdditionalInformation"
//     of its first ServiceDigitalIdentity.
//
// Decode reverses all of it: Decode(Encode(m)) == m.
package mirror
