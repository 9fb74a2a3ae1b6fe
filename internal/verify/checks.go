package verify

import (
	"slices"
	"strings"
)

// A Definition documents one named check of a verification report: the
// registry below is what docs/checks.md and `jtsl verify --explain` show,
// and a test holds every check the code reports (here and in package
// xades) to it, name and rule.
type Definition struct {
	// ID is the check's name in reports: stable, CamelCase.
	ID string
	// Title says in a few words what the check asks of the list.
	Title string
	// Rules are the requirements a report may cite for this check: EU DSS
	// rules of DSSRules (R1…R31), a TS 119 612 clause, or XSW for the
	// signature-wrapping defences EU DSS has in its XML library. The first
	// is the main one.
	Rules []string
	// Doc says what is checked, how, and what a failure means.
	Doc string
}

// Checks is the registry, in the order a report lists them. IDs are never
// renamed: scripts read them from the JSON report.
var Checks = []Definition{
	{ID: "WellFormed", Title: "Well-formed XML without a DTD", Rules: []string{"R1"},
		Doc: "The document parses as XML 1.0 with no DOCTYPE and within the size, depth, element and attribute limits (`--max-size`). EU DSS refuses a DOCTYPE (R1); the limits keep a hostile document from exhausting memory. On failure no other check runs."},
	{ID: "RootElement", Title: "Root is tsl:TrustServiceStatusList", Rules: []string{"R6"},
		Doc: "The root element is `TrustServiceStatusList` in the namespace `http://uri.etsi.org/02231/v2#` (R6). On failure no other check runs."},
	{ID: "Structure", Title: "Structure of TS 119 612 v2.4.1", Rules: []string{"R7"},
		Doc: "The list decodes strictly against the structure of the TS 119 612 v2.4.1 schema (elements, order, cardinality, types), each problem reported with its element path and line (the report's `structure` field). EU DSS validates the list against the XSDs (R7); the corpus tests hold this verdict equal to xmllint's with the official XSDs on every real list. Reported as skipped in the self-verification of `jtsl sign`, which decoded and checked the list before signing it and asserts that the signed bytes are those with the signature inserted, byte for byte."},
	{ID: "TLVersion", Title: "TSLVersionIdentifier accepted", Rules: []string{"R5"},
		Doc: "TSLVersionIdentifier is one of the accepted versions: 5 or 6, as EU DSS's default (R5, R5b). The build's previous-release check and `jtsl sign` accept 4 as well: the list is read there, not trusted. Skipped where Structure is."},
	{ID: "NextUpdatePresent", Title: "NextUpdate has a date", Rules: []string{"R19"},
		Doc: "NextUpdate carries a dateTime. A list without one is closed, and EU DSS's strict strategy loads no certificate from it (R19). Reported as skipped where the caller judges the list's dates itself (the build's self-verification: a closed list is the sources' decision; the previous-release check)."},
	{ID: "NotExpired", Title: "NextUpdate after the evaluation time", Rules: []string{"R19"},
		Doc: "NextUpdate is after the evaluation time (`--at`, default now): EU DSS's TLNotExpired (R19). Skipped where NextUpdatePresent is."},
	{ID: "DecodesToModel", Title: "Signed bytes decode to the compiled list", Rules: []string{"TS 119 612 5.7"},
		Doc: "Only when the caller gives the list it compiled (the build): the signed bytes decode, field for field, to that list. A difference means the encoder or the signer changed what was reviewed; nothing is published."},
	{ID: "SignaturePresent", Title: "Exactly one ds:Signature", Rules: []string{"R8", "R11"},
		Doc: "The document holds exactly one `ds:Signature` (namespace `http://www.w3.org/2000/09/xmldsig#`) anywhere (R8, R11). A `Signature` element in another namespace is named in the failure: it is not a signature."},
	{ID: "SignaturePlacement", Title: "Enveloped: last child of the root", Rules: []string{"R8"},
		Doc: "The signature is a child of the root element and its last child (R8, TS 119 612 annex B.1). A signature elsewhere is the set-up of a signature-wrapping attack."},
	{ID: "UniqueIds", Title: "Every Id attribute unique", Rules: []string{"XSW"},
		Doc: "No two elements carry the same `Id` (or `ID`, `id`) value, so that a reference `#id` names one element only. Duplicates are the classic signature-wrapping set-up (XSW); the references to a duplicated Id then fail to resolve."},
	{ID: "SignedInfo", Title: "One ds:SignedInfo", Rules: []string{"R12"},
		Doc: "The signature has exactly one `ds:SignedInfo` (R12). On failure no other signature check runs."},
	{ID: "CanonicalizationMethod", Title: "Standard canonicalisation of SignedInfo", Rules: []string{"R12"},
		Doc: "SignedInfo's CanonicalizationMethod is a standard one: inclusive c14n 1.0 or 1.1, or exclusive c14n, each with or without comments (R12, baseline-B)."},
	{ID: "ReferencesResolved", Title: "References resolve in the document", Rules: []string{"R14"},
		Doc: "Every `ds:Reference` has a URI that is `\"\"` (the whole document) or `#id` naming one element; external and XPointer references are refused: a trusted list signs itself only (R14, ReferenceDataExistence)."},
	{ID: "ReferenceDigests", Title: "Reference digests match", Rules: []string{"R14"},
		Doc: "Each reference's content, after its transforms (enveloped signature, canonicalisation, and the one XPath filter a real list uses: see FullScope), digests to its DigestValue (R14, ReferenceDataIntact). A mismatch means the signed content was changed after signing."},
	{ID: "FullScope", Title: "A reference covers the whole list", Rules: []string{"R13"},
		Doc: "One verified reference covers the whole document (`URI=\"\"` or the root's Id) with the enveloped-signature transform, or the XPath filter `not(ancestor-or-self::ds:Signature)` in its place, and otherwise only canonicalisation transforms; and no other reference signs only part of the document (R13, FullScope). The filter, with its prefix bound to the XML-DSig namespace, is the one XPath expression jtsl computes (ReferenceDigests): over a list with one signature it keeps what the enveloped transform keeps, and EU DSS reads it as the enveloped transform (`DSSXMLUtils.isEnvelopedTransform`). The 2015 Portuguese list signs through it; EU DSS says TOTAL_PASSED and so does this check. EU DSS's own rule (FullScopeCheck, `BBB_FC_ICFD`) asks every signature scope to be full: a found reference with `URI=\"\"` or the root's Id is the full XML file whatever its transforms, a reference to any other element a partial scope that fails; references to the signature's SignedProperties, KeyInfo or SignatureProperties are no scope. Any transform but these jtsl does not compute (ReferenceDigests fails), so on every list jtsl reads its verdict is EU DSS's: `TestVerifyAgreesWithDSS` holds the two equal on every corpus list."},
	{ID: "KeyInfoCertificate", Title: "Signer certificate in KeyInfo", Rules: []string{"R12", "TS 119 612 5.7.1"},
		Doc: "One `ds:KeyInfo` holds the signer certificate as `X509Data/X509Certificate` (R12, baseline-B requirement a); Brainpool keys are read too, and so, with a warning, is a certificate whose names break the DER string rules (OpenSSL and EU DSS read it). More than one certificate is a warning: TS 119 612 clause 5.7.1 wants the signer certificate only."},
	{ID: "SignatureValue", Title: "Signature value verifies", Rules: []string{"R14", "R16"},
		Doc: "SignatureValue verifies over the canonical SignedInfo with the KeyInfo certificate's key (R14, SignatureIntact); an unknown signature method fails under R16."},
	{ID: "Algorithms", Title: "Algorithms of the TL policy", Rules: []string{"R16"},
		Doc: "The signature algorithm is RSA, RSA-PSS or ECDSA and every digest SHA-224 to SHA-512: EU DSS's TL policy refuses SHA-1 and EdDSA (R16, Cryptographic)."},
	{ID: "QualifyingProperties", Title: "XAdES QualifyingProperties", Rules: []string{"R9"},
		Doc: "Exactly one `xades:QualifyingProperties` (XAdES 1.3.2 namespace), in a `ds:Object` of the signature, whose Target names the signature's Id (R9): a plain XML-DSig signature is not XAdES."},
	{ID: "SignedPropertiesReferenced", Title: "SignedProperties signed", Rules: []string{"R9"},
		Doc: "Exactly one `xades:SignedProperties`, inside that QualifyingProperties, referenced by a verified `ds:Reference` with the SignedProperties Type (R9, R14)."},
	{ID: "SigningTime", Title: "SigningTime present and plausible", Rules: []string{"R18"},
		Doc: "Exactly one SigningTime, an xs:dateTime within the signer certificate's validity (R18, SigningTimeInCertRange) and not more than five minutes after the evaluation time. A SigningTime after ListIssueDateTime is normal (most real lists are signed after the time they state)."},
	{ID: "SigningCertificateVersion", Title: "Signing-certificate property of the list's version", Rules: []string{"R10", "R12"},
		Doc: "A version 6 list has one SigningCertificateV2 and no SigningCertificate (R10); a version 5 list is expected to use SigningCertificate (V2 is a warning); any list has exactly one of the two (R12, baseline-B)."},
	{ID: "SigningCertificate", Title: "Signing certificate matches KeyInfo", Rules: []string{"R17"},
		Doc: "The signing-certificate property's CertDigest, and IssuerSerial(V2) when present, match the KeyInfo certificate, and a V2 Cert has no URI attribute (R17, baseline-B requirement i)."},
	{ID: "DataObjectFormat", Title: "MimeType for the list reference", Rules: []string{"R12"},
		Doc: "A DataObjectFormat with a MimeType names the whole-document reference, the one FullScope counts (an XPath-filtered one included, as EU DSS counts it) (R12, baseline-B requirement k)."},
	{ID: "SignerPinned", Title: "Signer is an expected certificate", Rules: []string{"R15"},
		Doc: "When certificates are given (`--cert`, a LOTL pointer's certificates, the build's own signer), the signer is one of them (R15, R30). Without any it is a warning: the signature then proves only that the list was not changed, not who signed it."},
	{ID: "LoTEFormat", Title: "A list of trusted entities in a known binding", Rules: []string{"TS 119 602 6"},
		Doc: "Lists of trusted entities (ETSI TS 119 602) only. The document is told from its content: XML whose root is `ListOfTrustedEntities`, JSON (`{\"LoTE\": …}`), or a compact JWS (three base64url parts) whose payload is that JSON. Anything else fails, and no other check runs. The report's `format` says which it is (`lote-xml`, `lote-json`, `lote-jws`)."},
	{ID: "LoTESigned", Title: "The list is signed", Rules: []string{"TS 119 602 6.8"},
		Doc: "An XML list carries an enveloped `ds:Signature` (XAdES, checked as a trusted list's is, with SigningCertificateV2 required); a JSON list is a compact JWS. An unsigned list (the Commission's mock lists are) is read and reported with a warning: nothing then shows who published it or that it is unchanged. It fails when expected signers are given (`--cert`)."},
	{ID: "JWSSignature", Title: "The JWS verifies with its x5c certificate", Rules: []string{"TS 119 602 6.8"},
		Doc: "The compact JWS has a protected header with `alg` and `x5c`; its signature verifies with the key of the first `x5c` certificate under the algorithm that key and `alg` name (RS256, PS256, ES256, ES384, ES512). On failure the payload is not read."},
	{ID: "LoTEStructure", Title: "Structure of TS 119 602 v1.1.1", Rules: []string{"TS 119 602 6"},
		Doc: "The list decodes strictly: the XML binding against the structure of the TS 119 602 XSD (elements, order, cardinality, types, with element paths and lines), the JSON binding against the members of the TS 119 602 JSON schema (no member it does not name, none twice, the required ones present, values of their type, URIs and RFC 3339 dates well formed, with JSON paths). Every problem is in the report's `structure` field."},
	{ID: "LoTEVersion", Title: "LoTEVersionIdentifier is 1", Rules: []string{"TS 119 602 6.3.1"},
		Doc: "LoTEVersionIdentifier is 1, the version of TS 119 602 v1.1.1."},
	{ID: "SignerBinding", Title: "Signer certificate names the scheme operator", Rules: []string{"TS 119 602 6.8"},
		Doc: "The signer certificate's organizationName is one of SchemeOperatorName's values and its countryName is SchemeTerritory: the certificate binds to the list it signs (TS 119 602 clause 6.8, annex G.4 as implementers read it). jtsl checks the same before it signs a list."},
	{ID: "LoTEProfile", Title: "Follows its EU profile", Rules: []string{"TS 119 602 annex D"},
		Doc: "A list whose LoTEType is one of the EU's (PID, wallet, WRPAC, WRPRC, EAA and Pub-EAA providers) follows that profile as @owf/eudi-lote encodes it: the profile's list type, status determination approach, scheme rules and territory EU; HistoricalInformationPeriod absent (65535 for Pub-EAA); no pointers where the profile has none; NextUpdate within six months of ListIssueDateTime; each entity with an information URI `http://uri.etsi.org/19602/ListOfTrustedEntities/<kind>/<CC>`; no service status; only the profile's service types. A list of another scheme is held to the profile it follows (`--profile`), its own four scheme values aside. Skipped when no profile applies."},
	{ID: "HistoryOrder", Title: "Service history newest first", Rules: []string{"TS 119 602 6.4.4"},
		Doc: "Each service's ServiceHistory instances start, in order, before the current status and before one another: newest first, as TS 119 602 clause 6.4.4 (and TS 119 612 clause 5.6) orders them. A status at a time (`jtsl trust --lote`) is read from that order."},
	{ID: "Internal", Title: "Verification completed", Rules: nil,
		Doc: "Reported only if the signature verification stopped on an unexpected condition in jtsl itself; the list is then not accepted. Please report it with the file."},
}

// Lookup returns the check with the given ID, compared case-insensitively,
// or nil.
func Lookup(id string) *Definition {
	i := slices.IndexFunc(Checks, func(d Definition) bool { return strings.EqualFold(d.ID, id) })
	if i < 0 {
		return nil
	}
	return &Checks[i]
}
