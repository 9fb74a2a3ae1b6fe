package publish

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/jtsl/jtsl/internal/jws"
	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/lote"
	"github.com/jtsl/jtsl/internal/release"
	"github.com/jtsl/jtsl/internal/safefile"
	"github.com/jtsl/jtsl/internal/site"
	"github.com/jtsl/jtsl/internal/verify"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

// The signing station covers the lists of trusted entities too. Prepare
// writes, beside the J-TSL's files, each list's unsigned XML
// (lote/FILE.unsigned.xml) and JSON payload (lote/FILE.json) and
// lote.json (what the release says of them, their digests); SignPrepared
// signs each in place (lote/FILE.xml, lote/FILE.json.jws) with the
// J-TSL's key; Publish checks every signed list against what was
// prepared and adds it to the release.

// FileLoTEs describes the prepared lists of trusted entities; absent when
// the sources have none.
const FileLoTEs = "lote.json"

// preparedLoTEs is lote.json.
type preparedLoTEs struct {
	Lists []preparedLoTE `json:"lists"`
	// Page is what the page shows of them; Known, the summaries of their
	// certificates by hex SHA-256 (sample or source included).
	Page  *site.LoTEs                 `json:"page"`
	Known map[string]site.CertSummary `json:"known"`
}

type preparedLoTE struct {
	LoTEResult
	UnsignedSHA256 string `json:"unsigned_sha256"`
	PayloadSHA256  string `json:"payload_sha256"`
}

func unsignedName(file string) string { return release.DirLoTE + "/" + file + ".unsigned.xml" }

// prepare returns the files Prepare writes for the lists (lote.json
// among them, which pins the others); nil when there are none.
func (b *loteBuild) prepare() (map[string][]byte, error) {
	if b == nil {
		return nil, nil
	}
	p := preparedLoTEs{Page: b.page(), Known: map[string]site.CertSummary{}}
	known := map[[sha256.Size]byte]site.CertSummary{}
	b.knownCerts(known)
	for sum, cs := range known {
		p.Known[hex.EncodeToString(sum[:])] = cs
	}
	files := map[string][]byte{}
	for i, l := range b.set.Lists {
		x, err := lote.MarshalXML(l.List)
		if err != nil {
			return nil, fmt.Errorf("list of trusted entities %s: XML binding: %w", l.Name, err)
		}
		j, err := lote.EncodeJSON(l.List)
		if err != nil {
			return nil, fmt.Errorf("list of trusted entities %s: JSON binding: %w", l.Name, err)
		}
		files[unsignedName(l.File)], files[loteFilesOf(l.File).json] = x, j
		p.Lists = append(p.Lists, preparedLoTE{LoTEResult: b.results[i], UnsignedSHA256: release.SHA2(x), PayloadSHA256: release.SHA2(j)})
	}
	pj, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return nil, err
	}
	files[FileLoTEs] = append(pj, '\n')
	return files, nil
}

// readPreparedLoTEs reads lote.json of a prepared folder, checked
// against sum (prepared.json's); nil when none was prepared.
func readPreparedLoTEs(dir, sum string) (*preparedLoTEs, error) {
	if sum == "" {
		return nil, nil
	}
	b, err := os.ReadFile(filepath.Join(dir, FileLoTEs))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	if release.SHA2(b) != sum {
		return nil, fmt.Errorf("%s: %s is not the one that was prepared (its SHA-256 differs): prepare again", dir, FileLoTEs)
	}
	var p preparedLoTEs
	if err := json.Unmarshal(b, &p); err != nil {
		return nil, fmt.Errorf("%s: %s: %w", dir, FileLoTEs, err)
	}
	return &p, nil
}

// read returns one prepared list's unsigned XML and JSON payload, each
// checked against lote.json.
func (p *preparedLoTE) read(dir string) (unsigned, payload []byte, err error) {
	for _, f := range []struct {
		name string
		into *[]byte
		sum  string
	}{{unsignedName(p.File), &unsigned, p.UnsignedSHA256}, {loteFilesOf(p.File).json, &payload, p.PayloadSHA256}} {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.name)))
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", dir, err)
		}
		if release.SHA2(b) != f.sum {
			return nil, nil, fmt.Errorf("%s: %s is not the one that was prepared (its SHA-256 differs): prepare again", dir, f.name)
		}
		*f.into = b
	}
	return unsigned, payload, nil
}

// signPreparedLoTEs signs the prepared lists of dir in place with key at
// the issue time (SignLoTEXML, SignLoTEJSON: signer binding, strict
// decoding and self-verification included).
func signPreparedLoTEs(dir, sum string, key *keys.Key, issue time.Time) error {
	p, err := readPreparedLoTEs(dir, sum)
	if err != nil || p == nil {
		return err
	}
	for _, l := range p.Lists {
		unsigned, payload, err := l.read(dir)
		if err != nil {
			return err
		}
		x, err := SignLoTEXML(unsigned, key.Signer, key.Cert, issue)
		if err != nil {
			return fmt.Errorf("list of trusted entities %s: %w", l.Name, err)
		}
		jws, err := SignLoTEJSON(payload, key.Signer, key.Cert, issue)
		if err != nil {
			return fmt.Errorf("list of trusted entities %s: %w", l.Name, err)
		}
		f := loteFilesOf(l.File)
		for name, data := range map[string][]byte{f.xml: x, f.jws: jws} {
			if err := safefile.Replace(filepath.Join(dir, filepath.FromSlash(name)), data, 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

// preparedList reads an unsigned prepared binding as a consumer would
// (verify.CheckLoTE: only its being unsigned is noted).
func preparedList(data []byte, name string) (*lote.List, error) {
	rep := verify.CheckLoTE(data, verify.LoTEOptions{File: name, Limits: xmldoc.Own(data), SkipFreshness: true})
	if err := rep.Err(); err != nil {
		return nil, err
	}
	return rep.LoTE(), nil
}

// publishPreparedLoTEs checks each signed list of dir against what was
// prepared (it verifies, pinned to cert, and decodes to the prepared
// list; the JWS signs exactly the prepared payload) and adds its files
// to the release. It returns what the page shows of them (nil: none).
func publishPreparedLoTEs(dir, sum string, st *release.Staging, cert *x509.Certificate, issue time.Time) (*site.LoTEs, map[[sha256.Size]byte]site.CertSummary, []LoTEResult, error) {
	p, err := readPreparedLoTEs(dir, sum)
	if err != nil || p == nil {
		return nil, nil, nil, err
	}
	var results []LoTEResult
	for _, l := range p.Lists {
		unsigned, payload, err := l.read(dir)
		if err != nil {
			return nil, nil, nil, err
		}
		// Each binding is compared with the list as that binding carries
		// it (the XML has attributes the JSON has not).
		want, err := preparedList(unsigned, unsignedName(l.File))
		if err != nil {
			return nil, nil, nil, err
		}
		wantJSON, err := preparedList(payload, loteFilesOf(l.File).json)
		if err != nil {
			return nil, nil, nil, err
		}
		f := loteFilesOf(l.File)
		signed := map[string][]byte{}
		for name, want := range map[string]*lote.List{f.xml: want, f.jws: wantJSON} {
			b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
			if errors.Is(err, fs.ErrNotExist) {
				return nil, nil, nil, fmt.Errorf("%s is not signed yet: %s is missing (jtsl sign %s on the signing station)", dir, name, dir)
			} else if err != nil {
				return nil, nil, nil, err
			}
			signed[name] = b
			if err := selfVerifyLoTE(b, want, nil, cert, issue); err != nil {
				return nil, nil, nil, fmt.Errorf("%s: %s is not the prepared list signed by %s: %w", dir, name, release.FileSigner, err)
			}
		}
		if p, err := lote.EncodeJSON(want); err != nil || string(p) != string(payload) {
			return nil, nil, nil, fmt.Errorf("%s: %s is not the JSON binding of %s (prepare again): %v", dir, f.json, unsignedName(l.File), err)
		}
		if c, err := jws.Verify(signed[f.jws], payload); err != nil || !c.Equal(cert) {
			return nil, nil, nil, fmt.Errorf("%s: %s does not sign the prepared %s with %s: %v", dir, f.jws, f.json, release.FileSigner, err)
		}
		addSigned(st, f, signed[f.xml], payload, signed[f.jws])
		results = append(results, l.LoTEResult)
	}
	known := map[[sha256.Size]byte]site.CertSummary{}
	for h, cs := range p.Known {
		var sum [sha256.Size]byte
		if b, err := hex.DecodeString(h); err == nil && len(b) == sha256.Size {
			copy(sum[:], b)
			known[sum] = cs
		}
	}
	if p.Page != nil {
		if err := addVocabulary(st, p.Page); err != nil {
			return nil, nil, nil, err
		}
	}
	return p.Page, known, results, nil
}
