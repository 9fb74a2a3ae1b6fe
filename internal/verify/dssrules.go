package verify

// A DSSRule is one requirement EU DSS (6.4) applies when it loads a
// trusted list, as the checks cite it (R1…R31). The numbering is that of
// the project's digest of EU DSS's trusted-list validation; the text here
// is what a reader of a report needs, so that the repository explains its
// own reports.
type DSSRule struct {
	ID, Title string
	// Doc says what EU DSS does and where jtsl checks it.
	Doc string
}

// DSSRules lists R1…R31 in order.
var DSSRules = []DSSRule{
	{"R1", "Well-formed XML, no DOCTYPE", "EU DSS refuses a download that is not well-formed XML or that declares a DOCTYPE. Check WellFormed."},
	{"R2", "Change detection on the canonical content", "EU DSS re-validates a list whenever the SHA-256 of its canonical form changes. Not a check of one file: publishing identical bytes again is harmless, any change is validated again."},
	{"R3", "Readable with the TS 119 612 data model", "A list EU DSS cannot read into its model yields no trust anchors. Checks Structure and RootElement."},
	{"R4", "Scheme information well typed", "EU DSS reads TSLType, TSLSequenceNumber, SchemeTerritory (the country of every service), TSLVersionIdentifier, ListIssueDateTime, NextUpdate and DistributionPoints. Check Structure."},
	{"R5", "TSLVersionIdentifier 5 or 6", "EU DSS's structure check and its report's TLVersion check accept versions 5 and 6 only (R5b: the report fails other versions). Check TLVersion."},
	{"R6", "Root tsl:TrustServiceStatusList", "The root element is TrustServiceStatusList in the namespace http://uri.etsi.org/02231/v2#. Check RootElement."},
	{"R7", "Valid against the schema of its version", "A version 6 list is validated against the TS 119 612 v2.4.1 schemas, its XAdES signature included; a version 5 list against v2.1.1. Check Structure (jtsl reads the v2.4.1 structure for every version)."},
	{"R8", "One ds:Signature, child of the root", "EU DSS's structure check takes the one ds:Signature child of the root. Checks SignaturePresent and SignaturePlacement."},
	{"R9", "XAdES qualifying properties (version 6)", "The signature has ds:Object/xades:QualifyingProperties/xades:SignedProperties/xades:SignedSignatureProperties in the XAdES 1.3.2 namespace: plain XML-DSig fails. Checks QualifyingProperties and SignedPropertiesReferenced."},
	{"R10", "SigningCertificateV2 in version 6, SigningCertificate in version 5", "A version 6 list's signature has SigningCertificateV2 and no SigningCertificate (and the V2 forms of SignerRole and SignatureProductionPlace); version 5 the reverse. Check SigningCertificateVersion."},
	{"R11", "Exactly one signature in the document", "EU DSS's validation of the list refuses a document with more or fewer than one signature. Check SignaturePresent."},
	{"R12", "XAdES-BASELINE-B", "One KeyInfo holding the signer certificate (requirement a), one standard canonicalisation method, at least two references with at most one Transforms each, one SigningTime, one SigningCertificate(V2) whose Cert has no URI (requirement i), a DataObjectFormat with one MimeType for the list reference (requirement k). Checks SignedInfo, CanonicalizationMethod, KeyInfoCertificate, SigningCertificateVersion and DataObjectFormat."},
	{"R13", "The signature covers the whole list", "EU DSS's FullScope: every signature scope is the full document: a reference with URI=\"\" (or the root's Id), enveloped by the enveloped-signature transform or the XPath filter not(ancestor-or-self::ds:Signature); a reference to part of the document fails. Check FullScope."},
	{"R14", "References and signature value intact", "Every reference resolves (ReferenceDataExistence), every digest matches (ReferenceDataIntact) and the signature value verifies (SignatureIntact). Checks ReferencesResolved, ReferenceDigests, SignatureValue and SignedPropertiesReferenced."},
	{"R15", "Signer trusted", "The signer certificate is, or chains to, a certificate the consumer trusts: for a list pointed to by a list of lists, the pointer's certificates. Check SignerPinned (jtsl requires the certificate itself, as the TLSO certificate is the pointer certificate)."},
	{"R16", "Algorithms of the TL policy", "RSA, RSASSA-PSS, DSA or ECDSA (no EdDSA); SHA-224 to SHA-512 or RIPEMD-160 (no SHA-1); RSA keys of at least 1024 bits, ECDSA 192. Checks Algorithms and SignatureValue (jtsl accepts no DSA and no RIPEMD-160: no trusted list uses them)."},
	{"R17", "Signing certificate digest matches", "The SigningCertificate(V2) CertDigest equals the digest of the KeyInfo certificate. Check SigningCertificate."},
	{"R18", "SigningTime within the signer's validity", "SigningTime is present and between the signer certificate's notBefore and notAfter. Check SigningTime."},
	{"R19", "NextUpdate present and in the future", "EU DSS's TLNotExpired: NextUpdate is after the validation time; its strict strategy loads no certificate from a list whose NextUpdate is missing or past, its default one (AcceptAllStrategy) loads it with the alert TLExpirationDetection, and so does jtsl trust unless --require-fresh. Checks NextUpdatePresent and NotExpired."},
	{"R20", "Fresh download", "EU DSS's TLFreshness: the last successful download is at most 6 hours old. A duty of the publisher (a stable, available URL), not a check of one file."},
	{"R21", ".sha2 companion file", "A consumer may read the SHA-256 of the list, 64 hexadecimal characters and nothing else, from the list's URL with the extension .sha2, to decide whether to download it again. The build writes and checks it for its own releases."},
	{"R22", "A TSP without TSPInformation is dropped", "Silently. Check Structure requires TSPInformation."},
	{"R23", "A service without ServiceInformation or StatusStartingTime is dropped", "Silently, and a TSP left with no services with it. Check Structure requires both."},
	{"R24", "Only X509Certificate values are trust anchors", "Of a DigitalId, only the certificates become trust anchors; undecodable ones are skipped; subject names, SKIs and key values are ignored for trust. The build's lint rules check the certificates of our own sources."},
	{"R25", "History newest first, every instance with a start time", "EU DSS ends each history period at the next newer start time and skips instances without one. Lint rule JTSL014 orders our own history."},
	{"R26", "Extensions EU DSS reads", "ecc:Qualifications (with the extension's Critical flag), AdditionalServiceInformation URIs and ExpiredCertsRevocationInfo; unknown extensions are ignored, critical or not. Not a check of jtsl verify."},
	{"R27", "Registration identifiers among trade names", "A TSPTradeName starting with VAT, NTR, PAS, IDC, PNO or TIN is read as a registration identifier. Lint rule JTSL016 checks our own."},
	{"R28", "Trust anchors by status only on request", "By default every listed certificate is a trust anchor whatever its status; a consumer may restrict anchors to periods with a granted (or national) status. jtsl trust reports the status in force."},
	{"R29", "A list-of-lists pointer names the list's type", "The pointer carries MimeType application/vnd.etsi.tsl+xml and a TSLType the consumer selects (EUgeneric by default; JPlist only when asked for). Lint rules JTSL026 and JTSL027 check our pointers."},
	{"R30", "Pointer certificates are the accepted signers", "A list reached through a list of lists is accepted only when signed by one of its pointer's certificates; at a key roll-over the pointer lists the old and the new certificate before the switch. jtsl trust pins each pointed list to its pointer's certificates (check SignerPinned)."},
	{"R31", "Mutual recognition only through the pointer's MRA block", "EU legal equivalence of a third country's services comes only from the mra:MutualRecognitionAgreementInformation of the list-of-lists pointer, mapped on service types, statuses, additional information and qcStatements. Not a check of one file."},
}
