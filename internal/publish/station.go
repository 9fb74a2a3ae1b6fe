package publish

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/jtsl/jtsl/internal/diff"
	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/mirror"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/release"
	"github.com/jtsl/jtsl/internal/safefile"
	"github.com/jtsl/jtsl/internal/tsl"
	"github.com/jtsl/jtsl/internal/version"
)

// A separate signing station keeps the key off the machine that builds:
// Prepare (online) writes what must be signed into a folder, SignPrepared
// (on the station) signs it there, Publish (online again) checks the
// signed files against what was prepared and makes the release as Build
// does. The folder's files:
const (
	FileUnsigned = "JP-TSL.unsigned.xml" // the list to sign
	FilePayload  = release.FileJSON      // the mirror to sign
	FileChanges  = "changes.md"          // the change report, for the signing officer
	FilePrepared = "prepared.json"       // what was prepared: sequence, digests
	FileSigned   = "signed.json"         // how it was signed (development key, weak signer)
	// FileRecognition holds what the release says of the vocabulary,
	// the mapping and the certificates beyond the list (the page's
	// tables, mra/equivalences.json, the block of mra/JP-pointer.xml,
	// which names the signer, and notes.json): the sources are not at
	// hand when the release is published.
	FileRecognition = "recognition.json"
)

// A Prepared describes a prepared folder (prepared.json).
type Prepared struct {
	Version          int    `json:"version"`
	Sequence         int    `json:"sequence"`
	PreviousSequence int    `json:"previous_sequence"` // 0: the first release
	PreviousSHA256   string `json:"previous_sha256,omitempty"`
	// NewSigner: build --prepare --new-signer allows a signer other than
	// the previous release's (checked by Publish, which knows the signer).
	NewSigner      bool   `json:"new_signer,omitempty"`
	IssueTime      string `json:"issue_time"`
	UnsignedSHA256 string `json:"unsigned_sha256"`
	PayloadSHA256  string `json:"payload_sha256"`
	// RecognitionSHA256 is recognition.json's; "" when the sources have
	// neither vocabulary nor mapping nor certificate notes.
	RecognitionSHA256 string `json:"recognition_sha256,omitempty"`
	// LoTESHA256 is lote.json's, the lists of trusted entities prepared
	// beside the list (lote_station.go); "" when the sources have none.
	LoTESHA256 string `json:"lote_sha256,omitempty"`
	JTSL       string `json:"jtsl"`
}

type signedInfo struct {
	DevelopmentKey bool `json:"development_key"`
	WeakSigner     bool `json:"weak_signer"`
}

// Prepare runs every check of a build and writes into dir (created; it
// must not hold a prepared list already) the unsigned list, the mirror
// payload (checked against its schema), the change report and
// prepared.json. Nothing is signed and nothing in opts.Out changes. When
// the content is unchanged and opts.Reissue is not set, nothing is
// written (Result.Written false).
func Prepare(opts Options, dir string) (*Result, error) {
	// The output folder is held while it is read, as by a build: its
	// history is checked and no build publishes meanwhile.
	c, done, err := compile(&opts)
	if c == nil {
		return done, err
	}
	defer c.dir.Close()
	if _, err := os.Lstat(filepath.Join(dir, FilePrepared)); err == nil {
		return nil, fmt.Errorf("%s already holds a prepared list: use a new folder", dir)
	}
	doc, err := tsl.Encode(c.list)
	if err != nil {
		return nil, fmt.Errorf("encode: %w", err)
	}
	unsigned, err := doc.WriteToBytes()
	if err != nil {
		return nil, fmt.Errorf("encode: %w", err)
	}
	payload, err := mirror.Encode(c.list)
	if err != nil {
		return nil, fmt.Errorf("JSON mirror: %w", err)
	}
	if err := mirror.Validate(payload); err != nil {
		return nil, fmt.Errorf("JSON mirror: %w", err)
	}
	changes := fmt.Sprintf("# First release: sequence %d\n", c.list.Scheme.SequenceNumber)
	if c.res.Changes != nil {
		changes = c.res.Changes.Markdown()
	}
	changes += c.lotes.markdown()
	p := Prepared{Version: 1, Sequence: c.list.Scheme.SequenceNumber,
		IssueTime: c.issue.Format(model.TimeLayout), UnsignedSHA256: release.SHA2(unsigned), PayloadSHA256: release.SHA2(payload),
		NewSigner: opts.NewSigner, JTSL: version.Get().String()}
	if c.prev != nil {
		p.PreviousSequence, p.PreviousSHA256 = c.prev.list.Scheme.SequenceNumber, release.SHA2(c.prev.data)
	}
	files := []struct {
		name string
		data []byte
	}{{FileUnsigned, unsigned}, {FilePayload, payload}, {FileChanges, []byte(changes)}}
	if !c.rec.empty() {
		rj, err := json.MarshalIndent(c.rec, "", "  ")
		if err != nil {
			return nil, err
		}
		rj = append(rj, '\n')
		p.RecognitionSHA256 = release.SHA2(rj)
		files = append(files, struct {
			name string
			data []byte
		}{FileRecognition, rj})
	}
	lf, err := c.lotes.prepare()
	if err != nil {
		return nil, err
	}
	for _, name := range sortedKeys(lf) {
		files = append(files, struct {
			name string
			data []byte
		}{name, lf[name]})
	}
	if lf != nil {
		p.LoTESHA256 = release.SHA2(lf[FileLoTEs])
	}
	pj, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(dir, release.DirLoTE), 0o755); err != nil {
		return nil, err
	}
	// prepared.json last: a folder without it was not prepared completely.
	for _, f := range append(files, struct {
		name string
		data []byte
	}{FilePrepared, append(pj, '\n')}) {
		if err := safefile.Replace(filepath.Join(dir, f.name), f.data, 0o644); err != nil {
			return nil, err
		}
	}
	c.res.Written, c.res.List, c.res.Sequence = true, c.list, p.Sequence
	return c.res, nil
}

// readPrepared reads a prepared folder and checks that the unsigned list
// and the payload are the bytes prepared.
func readPrepared(dir string) (p Prepared, unsigned, payload []byte, err error) {
	b, err := os.ReadFile(filepath.Join(dir, FilePrepared))
	if err != nil {
		return p, nil, nil, fmt.Errorf("%s is not a prepared folder (jtsl build --prepare makes one): %w", dir, err)
	}
	if err := json.Unmarshal(b, &p); err != nil || p.Version != 1 {
		return p, nil, nil, fmt.Errorf("%s: not a version 1 %s", dir, FilePrepared)
	}
	if unsigned, err = os.ReadFile(filepath.Join(dir, FileUnsigned)); err != nil {
		return p, nil, nil, err
	}
	if payload, err = os.ReadFile(filepath.Join(dir, FilePayload)); err != nil {
		return p, nil, nil, err
	}
	if release.SHA2(unsigned) != p.UnsignedSHA256 {
		return p, nil, nil, fmt.Errorf("%s: %s is not the list that was prepared (its SHA-256 differs): prepare again", dir, FileUnsigned)
	}
	if release.SHA2(payload) != p.PayloadSHA256 {
		return p, nil, nil, fmt.Errorf("%s: %s is not the mirror that was prepared (its SHA-256 differs): prepare again", dir, FilePayload)
	}
	return p, unsigned, payload, nil
}

// SignPrepared signs a prepared folder in place: the list (XAdES, as
// SignDocument: profile check, then the signed bytes verified) and the
// mirror (JWS, verified), with opts.Key or the development key. The
// signing time is the list's issue time, as in a build.
func SignPrepared(dir string, opts SignOptions) error {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	p, unsigned, payload, err := readPrepared(dir)
	if err != nil {
		return err
	}
	issue, err := time.Parse(time.RFC3339, p.IssueTime)
	if err != nil {
		return fmt.Errorf("%s: issue_time: %w", FilePrepared, err)
	}
	l, findings, err := tsl.Decode(unsigned, tsl.DecodeOptions{File: FileUnsigned})
	if err != nil {
		return err
	}
	if findings.HasErrors() {
		return findings.Errors()
	}
	key, dev := opts.Key, opts.Key == nil
	if dev {
		if key, err = developmentKey(Options{DevKeyDir: opts.DevKeyDir, Log: opts.Log}, l); err != nil {
			return err
		}
	}
	opts.Key, opts.SigningTime = key, issue
	signed, err := SignDocument(unsigned, opts)
	if err != nil {
		return err
	}
	errs, _ := keys.CheckProfile(key.Cert, signerProfile(l))
	jws, err := mirror.Sign(payload, key.Signer, key.Cert, issue)
	if err != nil {
		return fmt.Errorf("sign the JSON mirror: %w", err)
	}
	if c, err := mirror.VerifyJWS(jws, payload); err != nil || !c.Equal(key.Cert) {
		return fmt.Errorf("the signed JSON mirror does not verify: %v", err)
	}
	if err := signPreparedLoTEs(dir, p.LoTESHA256, key, issue); err != nil {
		return err
	}
	info, _ := json.Marshal(signedInfo{DevelopmentKey: dev, WeakSigner: len(errs) > 0})
	for _, f := range []struct {
		name string
		data []byte
	}{{release.FileXML, signed}, {release.FileJWS, jws}, {release.FileSigner, pemCert(key.Cert)}, {FileSigned, append(info, '\n')}} {
		if err := safefile.Replace(filepath.Join(dir, f.name), f.data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// PublishOptions configure Publish.
type PublishOptions struct {
	Out string // the release folder, replaced atomically
	Log io.Writer
}

// Publish checks a signed prepared folder and makes the release from it,
// as Build does (XML, .sha2, mirror and JWS, page, tlso.pem, manifest,
// history), in one atomic step. The signed list must verify with the
// certificate it carries, pass the TLSO profile (unless it was signed
// with --allow-weak-signer) and decode to exactly the prepared list; the
// JWS must sign exactly the prepared mirror with the same certificate;
// and the release in Out must still be the one prepared against.
func Publish(dir string, opts PublishOptions) (*Result, error) {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	p, unsigned, payload, err := readPrepared(dir)
	if err != nil {
		return nil, err
	}
	issue, err := time.Parse(time.RFC3339, p.IssueTime)
	if err != nil {
		return nil, fmt.Errorf("%s: issue_time: %w", FilePrepared, err)
	}
	var si signedInfo
	b, err := os.ReadFile(filepath.Join(dir, FileSigned))
	if err != nil {
		return nil, fmt.Errorf("%s is not signed yet (jtsl sign %s on the signing station): %w", dir, dir, err)
	}
	if err := json.Unmarshal(b, &si); err != nil {
		return nil, fmt.Errorf("%s: %w", FileSigned, err)
	}
	want, findings, err := tsl.Decode(unsigned, tsl.DecodeOptions{File: FileUnsigned})
	if err != nil {
		return nil, err
	}
	if findings.HasErrors() {
		return nil, findings.Errors()
	}
	// The output folder is held to the end, as by a build; nothing was
	// published into it since the list was prepared.
	out, err := openOut(opts.Out, opts.Log)
	if err != nil {
		return nil, err
	}
	defer out.Close()
	prev, err := loadPrevious(Options{Out: opts.Out})
	if err != nil {
		return nil, err
	}
	cur, curSum := 0, ""
	if prev != nil {
		cur, curSum = prev.list.Scheme.SequenceNumber, release.SHA2(prev.data)
	}
	if cur != p.PreviousSequence {
		return nil, fmt.Errorf("%s holds sequence %d, but the list was prepared after sequence %d: prepare again", opts.Out, cur, p.PreviousSequence)
	}
	if curSum != p.PreviousSHA256 {
		return nil, fmt.Errorf("%s holds another release of sequence %d than the one the list was prepared after (its SHA-256 differs): prepare again", opts.Out, cur)
	}
	if h := out.HighestHistory(); h >= p.Sequence {
		return nil, fmt.Errorf("sequence number %d would repeat or go below %s/%d: a sequence number never decreases or repeats (TS 119 612 clause 5.3.2)", p.Sequence, release.DirHistory, h)
	}

	signed, err := os.ReadFile(filepath.Join(dir, release.FileXML))
	if err != nil {
		return nil, fmt.Errorf("%s is not signed yet: %w", dir, err)
	}
	jws, err := os.ReadFile(filepath.Join(dir, release.FileJWS))
	if err != nil {
		return nil, fmt.Errorf("%s has no signed mirror: %w", dir, err)
	}
	// The list must be signed with the certificate beside it (pinned).
	cert, err := keys.ReadCertificate(filepath.Join(dir, release.FileSigner))
	if err != nil {
		return nil, err
	}
	if err := selfVerify(signed, want, cert, issue); err != nil {
		return nil, fmt.Errorf("%s: the signed list is not the prepared one, or does not verify: %w", dir, err)
	}
	weak, err := checkSigner(Options{AllowWeakSigner: si.WeakSigner, Log: opts.Log}, &keys.Key{Cert: cert}, want)
	if err != nil {
		return nil, err
	}
	if c, err := mirror.VerifyJWS(jws, payload); err != nil {
		return nil, fmt.Errorf("%s: %s: %w", dir, release.FileJWS, err)
	} else if !c.Equal(cert) {
		return nil, fmt.Errorf("%s: the mirror is signed with another certificate than the list", dir)
	}
	change, err := checkContinuity(Options{NewSigner: p.NewSigner, Log: opts.Log}, prev, cert)
	if err != nil {
		return nil, err
	}
	if si.DevelopmentKey {
		fmt.Fprintln(opts.Log, "WARNING: the list is signed with a DEVELOPMENT KEY, not the scheme operator's key: do not publish it")
	}

	res := &Result{Sequence: p.Sequence, List: want, SHA256: release.SHA2(signed)}
	if prev != nil {
		res.Changes = diff.Compare(prev.list, want)
		res.Changes.New.Sequence, res.Changes.New.ID = want.Scheme.SequenceNumber, want.ID
		res.Changes.Signer = change
	}
	st, err := out.Stage()
	if err != nil {
		return nil, err
	}
	defer st.Abort()
	st.Add(release.FileXML, signed)
	rec, err := readRecognition(dir, p)
	if err != nil {
		return nil, err
	}
	// The sources are not at hand: the page parses the certificates, and
	// their notes come with rec.
	page, err := rec.add(st, want, cert, nil)
	if err != nil {
		return nil, err
	}
	page.DevelopmentKey, page.WeakSigner = si.DevelopmentKey, weak
	lotes, known, lres, err := publishPreparedLoTEs(dir, p.LoTESHA256, st, cert, issue)
	if err != nil {
		return nil, err
	}
	page.LoTEs, res.LoTEs = lotes, lres
	// The lists' certificates, which the page cannot parse from the list.
	for sum, cs := range known {
		page.Known[sum] = cs
	}
	err = addReleaseFiles(st, want, res.SHA256, cert, page,
		func(add func(string, []byte)) error {
			add(release.FileJSON, payload)
			add(release.FileJWS, jws)
			add(release.FileSchema, mirror.Schema)
			return nil
		})
	if err != nil {
		return nil, err
	}
	me := signerOf(cert)
	flags := release.Flags{JTSL: version.Get().String(), DevelopmentKey: si.DevelopmentKey, AllowWeakSigner: si.WeakSigner,
		Signer: &me, NewSigner: change}
	if err := st.Finish(p.Sequence, flags); err != nil {
		return nil, err
	}
	res.Written = true
	return res, nil
}

// readRecognition reads recognition.json of a prepared folder, checked
// against prepared.json; none when the sources had nothing to say.
func readRecognition(dir string, p Prepared) (recognition, error) {
	var r recognition
	if p.RecognitionSHA256 == "" {
		return r, nil
	}
	b, err := os.ReadFile(filepath.Join(dir, FileRecognition))
	if err != nil {
		return r, fmt.Errorf("%s: %w", dir, err)
	}
	if release.SHA2(b) != p.RecognitionSHA256 {
		return r, fmt.Errorf("%s: %s is not the one that was prepared (its SHA-256 differs): prepare again", dir, FileRecognition)
	}
	if err := json.Unmarshal(b, &r); err != nil {
		return r, fmt.Errorf("%s: %s: %w", dir, FileRecognition, err)
	}
	return r, nil
}
