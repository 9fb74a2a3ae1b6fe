package trust

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/fetch"
	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/verify"
)

// TestWalkAgreesWithDSS: EU DSS (../shared/tools/dss-tl-check) and Walk,
// given the same list of lists, signer, TSLTypes and URL→file map, follow
// the same pointers (plain http ones too), accept the same pointed lists,
// raise the same expiration alerts (a list past its NextUpdate is used,
// with EU DSS's alert TLExpirationDetection) and load the same number of
// trust anchors (service certificates crypto/x509 refuses but EU DSS
// loads are read leniently: parseServiceCert). The corpus case is the EU's list of lists of 2026 with
// every corpus list it points at; the others are unmapped, and fail to
// download in both. Where they differ on purpose, jtsl refuses more: a
// location that is a local path, and a pointer naming no signer, are not
// fetched (EU DSS asks its loader for them; here they are left unmapped,
// so it cannot load them either).
func TestWalkAgreesWithDSS(t *testing.T) {
	dss := testtool.Tool(t, "dss-tl-check", "java")
	walk := filepath.Join("testdata", "walk")
	cookbook := testtool.SharedPath(t, "corpus/mra/cookbook")
	const (
		cbLOTL = "https://esignature.ec.europa.eu/efda/intl-pilot/api/v1/intl-pilot/tl/mra_lotl.xml"
		cbZZ   = "https://esignature.ec.europa.eu/efda/intl-pilot/api/v1/intl-pilot/tl/mra_tl_zz.xml"
	)
	euLOTL, euSigner, euMaps := corpusLOTL(t)
	tests := []struct {
		name, lotl, signer string
		types              []string
		maps               map[string]string
	}{
		{"fixture", locLOTL, filepath.Join(walk, "lotl-signer.pem"), []string{model.TSLTypeEUGeneric, tslTypeJP}, map[string]string{
			locLOTL: filepath.Join(walk, "lotl.xml"), locTL: filepath.Join(walk, "tl.xml"),
			locOther: filepath.Join(walk, "tl.xml"), locJP: filepath.Join(walk, "tl.xml"),
		}},
		{"cookbook", cbLOTL, filepath.Join(cookbook, "zz-lotl-signer.pem"), []string{model.TSLTypePrefix + "ZZlist"}, map[string]string{
			cbLOTL: filepath.Join(cookbook, "mra-lotl.xml"), cbZZ: filepath.Join(cookbook, "mra-zz-tl.xml"),
		}},
		{"EU LOTL 2026", euLOTL, euSigner, nil, euMaps},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := []string{"--lotl", tc.lotl, "--lotl-cert", tc.signer, "--no-detail"}
			for _, typ := range tc.types {
				args = append(args, "--tl-type", typ)
			}
			for u, f := range tc.maps {
				args = append(args, "--map", u+"="+f)
			}
			out, _ := testtool.Run(t, dss, args...) // exit 1: the unmapped pointers fail to download
			var rep struct {
				Lists []struct {
					Kind, URL  string
					Validation struct {
						Indication string `json:"indication"`
					} `json:"validation"`
					Alerts  []string `json:"dss_alerts"`
					Parsing struct {
						Certificates int `json:"certificate_count"`
					} `json:"parsing"`
				} `json:"lists"`
				Anchors int `json:"trusted_certificates_from_lists"`
			}
			if i := strings.Index(out, "{"); i < 0 || json.Unmarshal([]byte(out[i:]), &rep) != nil {
				t.Fatalf("dss-tl-check:\n%s", out)
			}
			var dssFollowed, dssPassed, dssExpired []string
			dssCerts := map[string]int{}
			for _, l := range rep.Lists {
				if l.Kind == "TL" {
					dssCerts[l.URL] = l.Parsing.Certificates
					dssFollowed = append(dssFollowed, l.URL)
					if l.Validation.Indication == "TOTAL_PASSED" {
						dssPassed = append(dssPassed, l.URL)
					}
					if slices.Contains(l.Alerts, "TLExpirationDetection") {
						dssExpired = append(dssExpired, l.URL)
					}
				}
			}

			signer, err := keys.ReadCertificate(tc.signer)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Walk(context.Background(), Options{
				LOTL: Input{Location: tc.lotl, Pins: []*x509.Certificate{signer}},
				Get:  &fetch.Fetcher{Map: tc.maps, Offline: true}, VerifyAt: time.Now(), TLTypes: tc.types,
			})
			if err != nil {
				t.Fatal(err)
			}
			var followed, used, expired []string
			for _, r := range res.Lists {
				if r.Kind != "pointed" {
					continue
				}
				filtered := r.Status == Skipped && (strings.Contains(r.Reason, "pointer to itself") ||
					strings.Contains(r.Reason, "not an XML list") || strings.Contains(r.Reason, "is not followed"))
				if !filtered {
					followed = append(followed, r.Location)
					if r.PlainHTTP != strings.HasPrefix(r.Location, "http:") {
						t.Errorf("%s: plain http %v", r.Location, r.PlainHTTP)
					}
				}
				if r.Status == Used {
					used = append(used, r.Location)
					if r.Anchors != dssCerts[r.Location] {
						t.Errorf("%s: %d service certificates read (unreadable: %q), EU DSS %d", r.Location, r.Anchors, r.Unreadable, dssCerts[r.Location])
					}
				}
				if strings.Contains(r.Alert, "NotExpired") {
					expired = append(expired, r.Location)
				}
			}
			slices.Sort(followed)
			slices.Sort(dssFollowed)
			if !slices.Equal(followed, dssFollowed) {
				t.Errorf("pointers followed: jtsl %q, EU DSS %q", followed, dssFollowed)
			}
			if !slices.Equal(used, dssPassed) || res.Anchors != rep.Anchors {
				t.Errorf("lists used: jtsl %q (%d anchors), EU DSS TOTAL_PASSED %q (%d anchors)", used, res.Anchors, dssPassed, rep.Anchors)
			}
			if !slices.Equal(expired, dssExpired) {
				t.Errorf("lists used past their NextUpdate: jtsl %q, EU DSS (TLExpirationDetection) %q", expired, dssExpired)
			}
			if len(used) == 0 {
				t.Error("no pointed list used: the comparison proves nothing")
			}
		})
	}
}

// corpusLOTL returns the location of the EU's list of lists of 2026 in
// the corpus, its signer certificate (the one it carries: the test is
// about the pointed lists) as a PEM file, and the URL→file map of the
// corpus lists it points at, taken from the same mirror at the same date.
func corpusLOTL(t *testing.T) (loc, signer string, maps map[string]string) {
	t.Helper()
	const eu = "https://ec.europa.eu/tools/lotl/eu-lotl.xml"
	files := map[string]string{
		eu: "EU-LOTL_v6_seq390_2026-08-03.xml",
		"https://www.signatur.rtr.at/vertrauensliste.xml":                                                          "AT_v5_seq72_2026-03-11.xml",
		"https://tsl.belgium.be/tsl-be-v6.xml":                                                                     "BE_v6_seq81_2026-06-15.xml",
		"https://dec.dmrid.gov.cy/dmrid/dec/ws_dec.nsf/all/5064247FF4FC3DCCC2258506002EEA17/$file/TSL-CY-sign.xml": "CY_v6_seq53_2026-03-31.xml",
		"https://tsl.gov.cz/publ/TSL_CZ.xtsl":                                                                      "CZ_v6_seq181_2026-08-09.xml",
		"https://sr.riik.ee/tsl/estonian-tsl.xml":                                                                  "EE_v6_seq73_2026-05-20.xml",
		"https://messervices.cyber.gouv.fr/visas/tl-fr_v6.xml":                                                     "FR_v5_seq174_2026-04-16.xml",
		"https://eidas.gov.ie/Irelandtslsignedv6.xml":                                                              "IE_v5_seq39_2026-04-07.xml",
		"https://eidas.agid.gov.it/TL/TSL-IT.xml":                                                                  "IT_v6_seq223_2026-07-27.xml",
		"https://trusted-list.lu/tsl.xml":                                                                          "LU_v6_seq66_2026-05-20.xml",
		"https://tsl.mca.org.mt/MT_TSL.xml":                                                                        "MT_v6_seq55_2026-04-27.xml",
		"https://www.rdi.nl/site/binaries/content/assets/site-content/bestanden/current-tsl.xml":                   "NL_v5_seq76_2026-02-10.xml",
		"https://www.nccert.pl/tsl/PL_TSL.xml":                                                                     "PL_v6_seq160_2026-06-03.xml",
		"https://trustedlist.pts.se/tlv6/SE-TL.xml":                                                                "SE_v6_seq62_2026-08-19.xml",
		"https://ec.europa.eu/tools/lotl/Final_EU_TSL-UKsigned.xml":                                                "UK-tScheme_v5_seq25_2020-12-31.xml",
	}
	maps = map[string]string{}
	for u, f := range files {
		maps[u] = testtool.SharedPath(t, filepath.Join("corpus", "tl", f))
	}
	data, err := os.ReadFile(maps[eu])
	if err != nil {
		t.Fatal(err)
	}
	c := verify.Check(data, verify.Options{File: maps[eu]}).SignerCert()
	if c == nil {
		t.Fatal("the EU list of lists carries no signer certificate")
	}
	signer = filepath.Join(t.TempDir(), "eu-lotl-signer.pem")
	if err := os.WriteFile(signer, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw}), 0o644); err != nil {
		t.Fatal(err)
	}
	return eu, signer, maps
}
