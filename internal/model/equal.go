package model

import (
	"reflect"
	"slices"
	"time"
)

// Equal reports whether l and o are the same list, exactly as
// reflect.DeepEqual(l, o) does: a nil slice or pointer differs from an
// empty one. It is the build's DecodesToModel check (the signed bytes
// decode to the compiled list), written for the model's types because
// reflection spent ≈ 100 ms of a 10 000-service build there (issue 26).
// TestEqualIsDeepEqual changes every field of every type reachable from
// List, so a field added to the model and not compared here fails it.
func (l *List) Equal(o *List) bool {
	if l == nil || o == nil {
		return l == o
	}
	return l.ID == o.ID && l.Tag == o.Tag && eqScheme(&l.Scheme, &o.Scheme) &&
		eqSlice(l.Providers, o.Providers, eqTSP)
}

// eqSlice compares like reflect.DeepEqual: nil only equals nil.
func eqSlice[T any](a, b []T, eq func(x, y *T) bool) bool {
	if (a == nil) != (b == nil) || len(a) != len(b) {
		return false
	}
	for i := range a {
		if !eq(&a[i], &b[i]) {
			return false
		}
	}
	return true
}

// eqValues is eqSlice for elements that == compares as DeepEqual does
// (no pointers, floats or interfaces inside).
func eqValues[S ~[]T, T comparable](a, b S) bool {
	return (a == nil) == (b == nil) && slices.Equal(a, b)
}

func eqPtr[T any](a, b *T, eq func(x, y *T) bool) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a == b || eq(a, b)
}

func eqValue[T comparable](a, b *T) bool { return *a == *b }

// eqTime is == (wall clock, monotonic reading and *Location), falling
// back to DeepEqual for equal Locations at different addresses.
func eqTime(a, b *time.Time) bool { return *a == *b || reflect.DeepEqual(*a, *b) }

func eqScheme(a, b *Scheme) bool {
	return a.VersionIdentifier == b.VersionIdentifier && a.SequenceNumber == b.SequenceNumber &&
		a.Type == b.Type && eqValues(a.OperatorName, b.OperatorName) &&
		eqAddress(&a.OperatorAddress, &b.OperatorAddress) && eqValues(a.Name, b.Name) &&
		eqValues(a.InformationURI, b.InformationURI) &&
		a.StatusDeterminationApproach == b.StatusDeterminationApproach &&
		eqValues(a.CommunityRules, b.CommunityRules) && a.Territory == b.Territory &&
		eqPtr(a.PolicyOrLegalNotice, b.PolicyOrLegalNotice, eqPolicy) &&
		a.HistoricalInformationPeriod == b.HistoricalInformationPeriod &&
		eqSlice(a.Pointers, b.Pointers, eqPointer) && eqTime(&a.ListIssueDateTime, &b.ListIssueDateTime) &&
		eqPtr(a.NextUpdate, b.NextUpdate, eqTime) && eqValues(a.DistributionPoints, b.DistributionPoints) &&
		eqSlice(a.Extensions, b.Extensions, eqExtension)
}

func eqAddress(a, b *Address) bool {
	return eqValues(a.Postal, b.Postal) && eqValues(a.Electronic, b.Electronic)
}

func eqPolicy(a, b *PolicyOrLegalNotice) bool {
	return eqValues(a.Policies, b.Policies) && eqValues(a.LegalNotices, b.LegalNotices)
}

func eqPointer(a, b *Pointer) bool {
	return eqSlice(a.Identities, b.Identities, eqIdentity) && a.Location == b.Location &&
		eqSlice(a.AdditionalInformation, b.AdditionalInformation, eqPointerInfo)
}

func eqPointerInfo(a, b *PointerInfo) bool {
	return eqPtr(a.Textual, b.Textual, eqValue) && eqPtr(a.Other, b.Other, eqOtherInformation)
}

func eqOtherInformation(a, b *OtherInformation) bool {
	return a.TSLType == b.TSLType && eqValues(a.SchemeOperatorName, b.SchemeOperatorName) &&
		eqValues(a.SchemeTypeCommunityRules, b.SchemeTypeCommunityRules) &&
		a.SchemeTerritory == b.SchemeTerritory && a.MimeType == b.MimeType && a.XML == b.XML
}

func eqTSP(a, b *TSP) bool {
	return eqValues(a.Name, b.Name) && eqValues(a.TradeName, b.TradeName) &&
		eqAddress(&a.Address, &b.Address) && eqValues(a.InformationURI, b.InformationURI) &&
		eqSlice(a.Extensions, b.Extensions, eqExtension) && eqSlice(a.Services, b.Services, eqService)
}

func eqService(a, b *Service) bool {
	return a.Type == b.Type && eqValues(a.Name, b.Name) && eqIdentity(&a.Identity, &b.Identity) &&
		a.Status == b.Status && eqTime(&a.StatusStartingTime, &b.StatusStartingTime) &&
		eqValues(a.SchemeServiceDefinitionURI, b.SchemeServiceDefinitionURI) &&
		eqValues(a.SupplyPoints, b.SupplyPoints) &&
		eqValues(a.TSPServiceDefinitionURI, b.TSPServiceDefinitionURI) &&
		eqSlice(a.Extensions, b.Extensions, eqExtension) && eqSlice(a.History, b.History, eqHistory) &&
		a.HistoryPresent == b.HistoryPresent
}

func eqHistory(a, b *HistoryInstance) bool {
	return a.Type == b.Type && eqValues(a.Name, b.Name) && eqIdentity(&a.Identity, &b.Identity) &&
		a.Status == b.Status && eqTime(&a.StatusStartingTime, &b.StatusStartingTime) &&
		eqSlice(a.Extensions, b.Extensions, eqExtension)
}

func eqIdentity(a, b *DigitalIdentity) bool { return eqSlice(*a, *b, eqDigitalID) }

func eqDigitalID(a, b *DigitalID) bool {
	return eqValues(a.Certificate, b.Certificate) && a.SubjectName == b.SubjectName &&
		a.KeyValue == b.KeyValue && eqValues(a.SKI, b.SKI) && a.Other == b.Other &&
		a.OtherPresent == b.OtherPresent
}

func eqExtension(a, b *Extension) bool {
	return a.Critical == b.Critical &&
		eqPtr(a.AdditionalServiceInformation, b.AdditionalServiceInformation, eqValue) &&
		eqSlice(a.Qualifications, b.Qualifications, eqQualification) &&
		eqPtr(a.TakenOverBy, b.TakenOverBy, eqTakenOverBy) &&
		eqPtr(a.ExpiredCertsRevocationInfo, b.ExpiredCertsRevocationInfo, eqTime) && a.XML == b.XML
}

func eqQualification(a, b *QualificationElement) bool {
	return eqValues(a.Qualifiers, b.Qualifiers) && eqCriteria(&a.Criteria, &b.Criteria)
}

func eqCriteria(a, b *CriteriaList) bool {
	return a.Assert == b.Assert &&
		eqSlice(a.KeyUsage, b.KeyUsage, func(x, y *KeyUsage) bool { return eqValues(*x, *y) }) &&
		eqSlice(a.PolicySets, b.PolicySets, func(x, y *[]ObjectIdentifier) bool { return eqSlice(*x, *y, eqOID) }) &&
		eqSlice(a.CriteriaList, b.CriteriaList, eqCriteria) && a.Description == b.Description &&
		eqPtr(a.Other, b.Other, func(x, y *OtherCriteria) bool { return eqSlice(x.Items, y.Items, eqOtherCriterion) })
}

func eqOtherCriterion(a, b *OtherCriterion) bool {
	return eqSlice(a.ExtendedKeyUsage, b.ExtendedKeyUsage, eqOID) &&
		eqSlice(a.CertSubjectDNAttribute, b.CertSubjectDNAttribute, eqOID) &&
		eqSlice(a.QcStatementSet, b.QcStatementSet, eqQcStatement) && a.XML == b.XML
}

func eqQcStatement(a, b *QcStatement) bool {
	return eqOID(&a.ID, &b.ID) && eqPtr(a.QcType, b.QcType, eqOID) &&
		eqPtr(a.QcCClegislation, b.QcCClegislation, eqValue)
}

func eqOID(a, b *ObjectIdentifier) bool {
	return a.Identifier == b.Identifier && a.Qualifier == b.Qualifier &&
		a.Description == b.Description && eqValues(a.DocumentationReferences, b.DocumentationReferences)
}

func eqTakenOverBy(a, b *TakenOverBy) bool {
	return a.URI == b.URI && eqValues(a.TSPName, b.TSPName) &&
		eqValues(a.SchemeOperatorName, b.SchemeOperatorName) && a.SchemeTerritory == b.SchemeTerritory &&
		eqValues(a.OtherQualifiers, b.OtherQualifiers)
}
