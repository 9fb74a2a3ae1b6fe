package trust

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/fetch"
	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/testtool"
)

// TestWalkAgreesWithDSS: EU DSS (../shared/tools/dss-tl-check) and Walk,
// given the same list of lists, signer, TSLTypes and URL→file map, follow
// the same pointers, accept the same pointed lists and load the same
// number of trust anchors. Where they differ on purpose, jtsl refuses
// more: a location that is not an https URL, and a pointer naming no
// signer, are not fetched (EU DSS asks its loader for them; here they are
// left unmapped, so it cannot load them either).
func TestWalkAgreesWithDSS(t *testing.T) {
	dss := testtool.Tool(t, "dss-tl-check", "java")
	walk := filepath.Join("testdata", "walk")
	cookbook := testtool.SharedPath(t, "corpus/mra/cookbook")
	const (
		cbLOTL = "https://esignature.ec.europa.eu/efda/intl-pilot/api/v1/intl-pilot/tl/mra_lotl.xml"
		cbZZ   = "https://esignature.ec.europa.eu/efda/intl-pilot/api/v1/intl-pilot/tl/mra_tl_zz.xml"
	)
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
				} `json:"lists"`
				Anchors int `json:"trusted_certificates_from_lists"`
			}
			if i := strings.Index(out, "{"); i < 0 || json.Unmarshal([]byte(out[i:]), &rep) != nil {
				t.Fatalf("dss-tl-check:\n%s", out)
			}
			var dssFollowed, dssPassed []string
			for _, l := range rep.Lists {
				if l.Kind == "TL" {
					dssFollowed = append(dssFollowed, l.URL)
					if l.Validation.Indication == "TOTAL_PASSED" {
						dssPassed = append(dssPassed, l.URL)
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
			var followed, used []string
			for _, r := range res.Lists {
				if r.Kind != "pointed" {
					continue
				}
				filtered := r.Status == Skipped && (strings.Contains(r.Reason, "pointer to itself") ||
					strings.Contains(r.Reason, "not an XML list") || strings.Contains(r.Reason, "is not followed"))
				if !filtered {
					followed = append(followed, r.Location)
				}
				if r.Status == Used {
					used = append(used, r.Location)
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
			if len(used) == 0 {
				t.Error("no pointed list used: the comparison proves nothing")
			}
		})
	}
}
