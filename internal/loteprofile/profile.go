// Package loteprofile holds the EU profiles of ETSI TS 119 602 v1.1.1
// (annexes D to I): what a list of PID providers, wallet providers, …
// must say, as the independent reader @owf/eudi-lote (lote-check
// --profile) encodes them. Japan's lists follow a profile's structure
// with their own list type, territory, status determination approach
// and scheme rules (Annex C.1); the rest of a profile applies to them
// as it is (lint rules JTSL062 to JTSL067).
package loteprofile

import (
	"time"

	"github.com/jtsl/jtsl/internal/lote"
)

// A Profile is one EU profile.
type Profile struct {
	// Name is the profile's name in lote-check --profile.
	Name string
	// Type, StatusDetermination and CommunityRules are the values only
	// the Commission's list of this kind carries (territory EU).
	Type, StatusDetermination, CommunityRules string
	// ServiceTypes are the ServiceTypeIdentifier values allowed.
	ServiceTypes []string
	// InformationURIPrefix starts the TEInformationURI every entity
	// carries, followed by its two-letter country.
	InformationURIPrefix string
	// HistoricalPeriod is the HistoricalInformationPeriod the profile
	// requires: NoHistory for none (absent), AnyHistory when it says
	// nothing, else that value.
	HistoricalPeriod int
	// NoPointers: PointersToOtherLoTE is absent.
	NoPointers bool
}

// Profile.HistoricalPeriod of a profile without
// HistoricalInformationPeriod, and of one that leaves it free.
const (
	NoHistory  = -1
	AnyHistory = -2
)

// MaxNextUpdate is how far after ListIssueDateTime NextUpdate may be in
// every profile: 6 months (lote-check counts 4464 hours, 186 days; six
// calendar months are at most 184).
func MaxNextUpdate(issue time.Time) time.Time { return issue.AddDate(0, 6, 0) }

func svc(kind string) []string {
	return []string{lote.SvcTypePrefix + kind + "/Issuance", lote.SvcTypePrefix + kind + "/Revocation"}
}

const base = "http://uri.etsi.org/19602/"

// Profiles are the EU profiles, by name.
var Profiles = []Profile{
	{Name: "EUPIDProvidersList", Type: lote.TypeEUPIDProviders,
		StatusDetermination: base + "PIDProvidersList/StatusDetn/EU", CommunityRules: base + "PIDProviders/schemerules/EU",
		ServiceTypes: svc("PID"), InformationURIPrefix: lote.InformationURIPrefix + "PIDProvider/", HistoricalPeriod: NoHistory},
	{Name: "EUWalletProvidersList", Type: lote.TypeEUWalletProviders,
		StatusDetermination: base + "WalletProvidersList/StatusDetn/EU", CommunityRules: base + "WalletProvidersList/schemerules/EU",
		ServiceTypes: svc("WalletSolution"), InformationURIPrefix: lote.InformationURIPrefix + "WalletProvider/", HistoricalPeriod: NoHistory},
	{Name: "EUWRPACProvidersList", Type: lote.TypeEUWRPACProviders,
		StatusDetermination: base + "WRPACProvidersList/StatusDetn/EU", CommunityRules: base + "WRPACProvidersList/schemerules/EU",
		ServiceTypes: svc("WRPAC"), InformationURIPrefix: lote.InformationURIPrefix + "WRPACProvider/", HistoricalPeriod: NoHistory},
	{Name: "EUWRPRCProvidersList", Type: lote.TypeEUWRPRCProviders,
		StatusDetermination: base + "WRPRCProvidersList/StatusDetn/EU", CommunityRules: base + "WRPRCProvidersList/schemerules/EU",
		ServiceTypes: svc("WRPRC"), InformationURIPrefix: lote.InformationURIPrefix + "WRPRCProvider/", HistoricalPeriod: NoHistory},
	{Name: "EUEAAProvidersList", Type: lote.TypeEUEAAProviders,
		StatusDetermination: base + "EAAProvidersList/StatusDetn/EU", CommunityRules: base + "EAAProvidersList/schemerules/EU",
		ServiceTypes: svc("EAA"), InformationURIPrefix: lote.InformationURIPrefix + "EAAProvider/", HistoricalPeriod: AnyHistory, NoPointers: true},
	{Name: "EUPubEAAProvidersList", Type: lote.TypeEUPubEAAProviders,
		StatusDetermination: base + "PubEAAProvidersList/StatusDetn/EU", CommunityRules: base + "PubEAAProvidersList/schemerules/EU",
		ServiceTypes: svc("PubEAA"), InformationURIPrefix: lote.InformationURIPrefix + "PubEAAProvider/", HistoricalPeriod: 65535, NoPointers: true},
}

// ByName returns the profile named name, or nil.
func ByName(name string) *Profile {
	for i := range Profiles {
		if Profiles[i].Name == name {
			return &Profiles[i]
		}
	}
	return nil
}

// EUOnly reports whether u is a value only the Commission's lists carry:
// an EU profile's list type, status determination approach or scheme
// rules.
func EUOnly(u string) bool {
	for _, p := range Profiles {
		if u == p.Type || u == p.StatusDetermination || u == p.CommunityRules {
			return true
		}
	}
	return false
}
