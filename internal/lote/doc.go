// Package lote holds a List of Trusted Entities (ETSI TS 119 602 v1.1.1)
// as plain Go values, and its two bindings: the XML one (root
// ListOfTrustedEntities in namespace NS) and the JSON one ({"LoTE": …}).
//
// A LoTE is the data model of a TS 119 612 trusted list re-cut for the
// EUDI-wallet world (PID providers, wallet providers, access and
// registration certificate providers, public-sector EAA providers,
// registrars), so the model reuses package model's shared shapes where
// the two standards agree: multilingual values (model.MultiLang), postal
// and electronic addresses (model.Address), policy or legal notice,
// service supply points and digital identities (model.DigitalIdentity).
// What differs (the list's scheme information, entities, services and
// their history, pointers with their qualifiers, extensions) is defined
// here.
//
// The types follow the XML schema (1960201_xsd_schema.xsd) element by
// element; the JSON schema (1960201_json_schema.json) has the same fields
// under the same names, so one model serves both bindings. Optional
// elements are zero values when absent (nil slices and pointers, "" and
// the zero time.Time), except where the schema lets an element be present
// and empty, which a field says explicitly.
//
// The URI constants of TS 119 602 live in uri.go and nowhere else.
package lote
