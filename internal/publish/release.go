package publish

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/mirror"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/site"
)

// addReleaseFiles makes the files of a release other than the signed
// list, whose digest is sum, and adds each to st as soon as it is made.
// The JSON mirror is checked against its schema before it is signed; the
// page is rendered meanwhile, with the certificates known from the sources.
// page holds the page's banners (development key, weak signer).
func addReleaseFiles(st *staging, l *model.List, sum string, key *keys.Key, known map[[sha256.Size]byte]site.CertSummary, page site.Options) error {
	st.add(FileSHA2, []byte(sum)) // 64 hex chars, no newline: DSS rule R21
	st.add(FileSigner, pemCert(key.Cert))
	var html bytes.Buffer
	var perr error
	var wg sync.WaitGroup
	page.XMLHref, page.JSONHref, page.SignerCertHref, page.SignerCert = FileXML, FileJSON, FileSigner, key.Cert
	page.SHA256, page.SHA2Href, page.JWSHref = sum, FileSHA2, FileJWS
	page.ManifestHref, page.HistoryHref, page.Known = FileManifest, DirHistory+"/", known
	wg.Go(func() { perr = site.Render(&html, l, page) })
	files, err := mirrorFiles(l, key)
	if err == nil {
		for name, data := range files {
			st.add(name, data)
		}
	}
	wg.Wait()
	if err != nil {
		return err
	}
	if perr != nil {
		return fmt.Errorf("HTML page: %w", perr)
	}
	st.add(FileHTML, html.Bytes())
	return nil
}

// mirrorFiles makes the JSON mirror, checks it and signs it.
func mirrorFiles(l *model.List, key *keys.Key) (map[string][]byte, error) {
	js, err := mirror.Encode(l)
	if err != nil {
		return nil, fmt.Errorf("JSON mirror: %w", err)
	}
	if err := mirror.Validate(js); err != nil {
		return nil, fmt.Errorf("JSON mirror: %w", err)
	}
	jws, err := mirror.Sign(js, key.Signer, key.Cert, l.Scheme.ListIssueDateTime)
	if err != nil {
		return nil, fmt.Errorf("sign JSON mirror: %w", err)
	}
	return map[string][]byte{FileJSON: js, FileJWS: jws, FileSchema: mirror.Schema}, nil
}

// historyFiles are the files of a release kept under history/<seq>/.
var historyFiles = []string{FileXML, FileSHA2, FileJSON, FileJWS, FileSigner}

// releaseFlags records how a release was made, in its manifest, so that a
// release signed with the development key or a refused signer is visible.
type releaseFlags struct {
	// JTSL is the jtsl that made the release (version, commit, date).
	JTSL            string `json:"jtsl"`
	DevelopmentKey  bool   `json:"development_key"`
	AllowWeakSigner bool   `json:"allow_weak_signer"`
}

// A staging is a release being written into a folder beside out. Each
// file is written as soon as it is made, and synced, read back and hashed
// on a goroutine of its own (the syncs dominate, and a large list's can
// overlap the work still to do): what goes live, and what the manifest
// hashes, is exactly what was built and checked. Nothing in out changes
// before finish swaps the complete release in.
type staging struct {
	out, dir string
	results  chan stagedFile
	pending  int
	known    map[string]fileSum
	err      error
}

type stagedFile struct {
	name string
	sum  fileSum
	err  error
}

// releaseFilesHint sizes the results channel so that writers need not
// wait for wait: a release has about ten files (more only block a
// little).
const releaseFilesHint = 16

func newStaging(out string) (*staging, error) {
	dir, err := newStage(out)
	if err != nil {
		return nil, err
	}
	return &staging{out: out, dir: dir, results: make(chan stagedFile, releaseFilesHint),
		known: map[string]fileSum{}}, nil
}

// add starts writing a file of the release.
func (s *staging) add(name string, data []byte) {
	s.pending++
	go func() {
		sum, err := writeChecked(filepath.Join(s.dir, name), data)
		s.results <- stagedFile{name, sum, err}
	}()
}

// wait waits for the files being written and returns the first error.
func (s *staging) wait() error {
	for ; s.pending > 0; s.pending-- {
		r := <-s.results
		s.err = cmp.Or(s.err, r.err)
		s.known[r.name] = r.sum
	}
	return s.err
}

// abort removes the staging folder (a no-op after finish has put it live).
func (s *staging) abort() {
	s.wait()
	os.RemoveAll(s.dir)
}

// finish waits for the files, carries the history over unchanged, adds
// the index files and puts the release live.
func (s *staging) finish(seq int, flags releaseFlags) error {
	if err := s.wait(); err != nil {
		return err
	}
	out, stage, known := s.out, s.dir, s.known
	// History: earlier releases byte-for-byte (hard links), then this one.
	oldHist := filepath.Join(out, DirHistory)
	if _, err := os.Stat(oldHist); err == nil {
		err := filepath.WalkDir(oldHist, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(out, p)
			return linkOrCopy(p, filepath.Join(stage, rel))
		})
		if err != nil {
			return fmt.Errorf("carry history over: %w", err)
		}
	}
	for _, name := range historyFiles {
		dst := filepath.Join(stage, DirHistory, strconv.Itoa(seq), name)
		if err := linkOrCopy(filepath.Join(stage, name), dst); err != nil {
			return fmt.Errorf("add release %d to history: %w", seq, err)
		}
	}
	for _, name := range historyFiles {
		known[DirHistory+"/"+strconv.Itoa(seq)+"/"+name] = known[name]
	}
	if err := writeIndexFiles(stage, seq, flags, known, oldManifest(out)); err != nil {
		return err
	}
	return swap(stage, out)
}

// A ManifestFile describes one file of a release.
type ManifestFile struct {
	Name        string `json:"name"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"`
	ContentType string `json:"content_type"`
}

// A Manifest lists every file of a release (manifest.json).
type Manifest struct {
	Version  int `json:"version"`
	Sequence int `json:"sequence"`
	releaseFlags
	Files []ManifestFile `json:"files"`
}

// writeIndexFiles writes manifest.json and _headers over everything else
// in the staging folder. The files this build wrote were hashed as they
// were checked (known, by slash-separated name), earlier history is
// hashed from the disk.
//
// Earlier history files are hard links to the previous release's, which
// its manifest already hashed: an entry of the same size is taken over,
// so that a build does not re-read every release ever published.
func writeIndexFiles(stage string, seq int, flags releaseFlags, known map[string]fileSum, old map[string]ManifestFile) error {
	var names []string
	err := filepath.WalkDir(stage, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(stage, p)
		names = append(names, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		return err
	}
	names = append(names, FileHeaders)
	sort.Strings(names)

	headers := headersFile(names)
	if err := writeFile(filepath.Join(stage, FileHeaders), headers); err != nil {
		return err
	}
	m := Manifest{Version: 1, Sequence: seq, releaseFlags: flags}
	for _, n := range names {
		if o, ok := old[n]; ok && strings.HasPrefix(n, DirHistory+"/") {
			if fi, err := os.Stat(filepath.Join(stage, filepath.FromSlash(n))); err == nil && fi.Size() == o.Size {
				m.Files = append(m.Files, ManifestFile{n, o.Size, o.SHA256, ContentType(n)})
				continue
			}
		}
		sum, ok := known[n]
		if !ok {
			data, err := os.ReadFile(filepath.Join(stage, filepath.FromSlash(n)))
			if err != nil {
				return err
			}
			h := sha256.Sum256(data)
			sum = fileSum{int64(len(data)), hex.EncodeToString(h[:])}
		}
		m.Files = append(m.Files, ManifestFile{n, sum.size, sum.sha256, ContentType(n)})
	}
	js, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return writeFile(filepath.Join(stage, FileManifest), append(js, '\n'))
}

// oldManifest returns the entries of the manifest of the release in out,
// by name; none when there is no readable one.
func oldManifest(out string) map[string]ManifestFile {
	b, err := os.ReadFile(filepath.Join(out, FileManifest))
	if err != nil {
		return nil
	}
	var m Manifest
	if json.Unmarshal(b, &m) != nil {
		return nil
	}
	files := make(map[string]ManifestFile, len(m.Files))
	for _, f := range m.Files {
		files[f.Name] = f
	}
	return files
}

// headersFile renders the _headers file that Netlify, Cloudflare Pages and
// similar static hosts read: the content type of every file and a cache
// hint (at most 4 hours on the live list, TS 119 612 clause 6.1).
func headersFile(names []string) []byte {
	var b strings.Builder
	b.WriteString("# Served headers for static hosts that read _headers (Netlify, Cloudflare Pages).\n")
	all := append([]string{FileManifest}, names...)
	sort.Strings(all)
	for _, n := range all {
		fmt.Fprintf(&b, "/%s\n  Content-Type: %s\n  Cache-Control: %s\n", n, ContentType(n), cacheControl(n))
		if n == FileHTML {
			fmt.Fprintf(&b, "/\n  Content-Type: %s\n  Cache-Control: %s\n", ContentType(n), cacheControl(n))
		}
	}
	return []byte(b.String())
}
