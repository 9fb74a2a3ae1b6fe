// Package lint holds the semantic rules a supervisory body applies to the
// sources beyond their JSON Schema: the requirements of ETSI TS 119 612
// v2.4.1 that a schema cannot express, the checks of the EC TL Manager
// (docs/peers.md §2.3 in the shared folder) and the J-TSL's own policy.
//
// Each rule is a Rule value with a stable ID (JTSLnnn, never renumbered or
// reused), a title, documentation citing its clause with a bad and a good
// example, and a severity. The registry, Rules, is sorted by ID;
// docs/rules.md is generated from it (go generate). Check runs every rule
// over a loaded source.Set; each finding carries the file, line and column
// a person wrote, the YAML path, a message naming the expected value and,
// where one exists, a fix with the replacement value. Rules, or parts of
// rules, that are J-TSL policy (the ETSI JP URIs, NTRJP- corporate
// numbers, a TSA identified by its own certificate) apply only when the
// territory is JP; the rest apply to any list, imported ones included.
//
// Files: scheme.go (clause 5.3), pointer.go (5.3.13), tsp.go (5.4),
// service.go (5.5, 5.5.9, 5.6), cert.go (5.5.3), uri.go (5.1.2, annex D
// vocabularies), lang.go (5.1.4, 5.1.5); walk.go lists the parts of the
// model the rules share. A rule reports at the source.Loc of the model
// value it judges (Pass.loc(&value), recorded by source.Load), never at a
// YAML path it builds: how the YAML is laid out is source's knowledge.
//
// The TL Manager checks map to rules as follows: SchemeName CC:name
// JTSL002; TSLType, StatusDetn and community rules against the territory
// JTSL003, JTSL004; pointer consistency JTSL026, JTSL027; same key twice
// for a type JTSL011; certificates of one identity share key and subject
// JTSL009; operator e-mail and web address JTSL017; SchemeExtensions in EU
// lists JTSL022; HistoricalInformationPeriod JTSL018; NextUpdate within 6
// months JTSL015; history order and identity JTSL014, JTSL023, JTSL030.
// Issue date, sequence number and signature belong to the build and to
// package verify, which know the previous release and the signed bytes.
//
// Known limits: a key given only as ds:KeyValue is not compared with other
// keys (JTSL009, JTSL011 compare certificates and SKIs); X509SubjectName
// values are not compared with the certificate's subject, because real
// lists write the same name in many string forms; the TL Manager's check
// that status changes follow the CROBIES flow is not made, because real
// lists re-grant withdrawn services (FR, IT, AT) and that is their call;
// rule 5.5.5's "no retroactive status" needs the previous release, which
// the build has and lint does not.
package lint
