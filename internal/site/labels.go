package site

import (
	"strings"

	"github.com/jtsl/jtsl/internal/model"
)

// A label names a URI for readers, in Japanese and English. The URI itself
// is always shown beside it: it is what the XML says.
type label struct{ Ja, En string }

// typeLabels name the service types of TS 119 612 clause 5.5.1.
var typeLabels = map[string]label{
	model.SvcCAQC:                 {"認証局（適格証明書）", "CA issuing qualified certificates"},
	model.SvcCAPKC:                {"認証局", "CA issuing public key certificates"},
	model.SvcOCSPQC:               {"OCSP（適格証明書）", "OCSP responder for qualified certificates"},
	model.SvcCRLQC:                {"CRL（適格証明書）", "CRL issuer for qualified certificates"},
	model.SvcOCSP:                 {"OCSP", "OCSP responder"},
	model.SvcCRL:                  {"CRL", "CRL issuer"},
	model.SvcTSAQTST:              {"適格タイムスタンプ", "Qualified time-stamping"},
	model.SvcTSA:                  {"タイムスタンプ", "Time-stamping"},
	model.SvcTSATSSQC:             {"タイムスタンプ（適格証明書の支援）", "Time-stamping supporting qualified certificates"},
	model.SvcTSATSSAdESQCandQES:   {"タイムスタンプ（AdES・QES の支援）", "Time-stamping supporting AdES and QES"},
	model.SvcEDSQ:                 {"適格電子配達", "Qualified electronic delivery"},
	model.SvcEDSREMQ:              {"適格電子登録郵便", "Qualified registered electronic mail"},
	model.SvcEDS:                  {"電子配達", "Electronic delivery"},
	model.SvcEDSREM:               {"電子登録郵便", "Registered electronic mail"},
	model.SvcPSESQ:                {"適格署名保存", "Qualified preservation of signatures and seals"},
	model.SvcPSES:                 {"署名保存", "Preservation of signatures and seals"},
	model.SvcQESValidationQ:       {"適格署名検証", "Qualified validation of qualified signatures and seals"},
	model.SvcAdESValidation:       {"署名検証", "Validation of advanced signatures and seals"},
	model.SvcAdESGeneration:       {"署名生成", "Generation of advanced signatures and seals"},
	model.SvcRemoteQSigCDQ:        {"適格リモート署名装置の管理", "Qualified remote signature creation device management"},
	model.SvcRemoteQSealCDQ:       {"適格リモートシール装置の管理", "Qualified remote seal creation device management"},
	model.SvcRemoteSigCD:          {"リモート署名装置の管理", "Remote signature creation device management"},
	model.SvcRemoteSealCD:         {"リモートシール装置の管理", "Remote seal creation device management"},
	model.SvcNationalRootCAQC:     {"国のルート認証局", "National root CA"},
	model.SvcTLIssuer:             {"トラストリスト発行者", "Trusted list issuer"},
	model.SvcUnspecified:          {"種別なし", "Unspecified"},
	model.SvcTypePrefix + "EAA/Q": {"適格電子属性証明", "Qualified electronic attestation of attributes"},
	model.SvcTypePrefix + "EAA":   {"電子属性証明", "Electronic attestation of attributes"},
	model.SvcTypePrefix + "ElectronicArchiving/Q": {"適格電子アーカイブ", "Qualified electronic archiving"},
	model.SvcTypePrefix + "ElectronicArchiving":   {"電子アーカイブ", "Electronic archiving"},
	model.SvcTypePrefix + "Ledgers/Q":             {"適格電子台帳", "Qualified electronic ledger"},
	model.SvcTypePrefix + "Ledgers":               {"電子台帳", "Electronic ledger"},
}

// statusLabels name the service statuses of clause 5.5.4, current and
// legacy; Class tells the reader at a glance whether it is in force.
var statusLabels = map[string]struct {
	label
	Class string // ok, bad or other (a CSS class)
}{
	model.StatusGranted:                               {label{"承認", "Granted"}, "ok"},
	model.StatusWithdrawn:                             {label{"取消し", "Withdrawn"}, "bad"},
	model.StatusRecognisedAtNationalLevel:             {label{"国内で承認", "Recognised at national level"}, "ok"},
	model.StatusDeprecatedAtNationalLevel:             {label{"国内で廃止", "Deprecated at national level"}, "bad"},
	model.SvcStatusPrefix + "undersupervision":        {label{"監督下", "Under supervision"}, "ok"},
	model.SvcStatusPrefix + "supervisionincessation":  {label{"監督終了手続中", "Supervision in cessation"}, "other"},
	model.SvcStatusPrefix + "supervisionceased":       {label{"監督終了", "Supervision ceased"}, "bad"},
	model.SvcStatusPrefix + "supervisionrevoked":      {label{"監督取消し", "Supervision revoked"}, "bad"},
	model.SvcStatusPrefix + "accredited":              {label{"認定", "Accredited"}, "ok"},
	model.SvcStatusPrefix + "accreditationceased":     {label{"認定終了", "Accreditation ceased"}, "bad"},
	model.SvcStatusPrefix + "accreditationrevoked":    {label{"認定取消し", "Accreditation revoked"}, "bad"},
	model.SvcStatusPrefix + "setbynationallaw":        {label{"法令により設定", "Set by national law"}, "ok"},
	model.SvcStatusPrefix + "deprecatedbynationallaw": {label{"法令により廃止", "Deprecated by national law"}, "bad"},
}

// infoLabels name the additionalServiceInformation URIs of clause 5.5.9.4.
var infoLabels = map[string]label{
	model.InfoForeSignatures:           {"電子署名用", "For electronic signatures"},
	model.InfoForeSeals:                {"eシール用", "For electronic seals"},
	model.InfoForWebSiteAuthentication: {"ウェブサイト認証用", "For website authentication"},
	model.InfoRootCAQC:                 {"ルート認証局", "Root CA"},
}

// leaf is the last segment of a URI, the fallback label of a URI the
// tables do not know (a nationally defined type or status, clause 5.5.1.3).
func leaf(uri string) label {
	s := strings.TrimRight(uri, "/")
	s = s[strings.LastIndex(s, "/")+1:]
	return label{s, s}
}

func typeLabel(uri string) label {
	if l, ok := typeLabels[uri]; ok {
		return l
	}
	return leaf(uri)
}

func statusLabel(uri string) (label, string) {
	if l, ok := statusLabels[uri]; ok {
		return l.label, l.Class
	}
	return leaf(uri), "other"
}

func infoLabel(uri string) label {
	if l, ok := infoLabels[uri]; ok {
		return l
	}
	return leaf(uri)
}
