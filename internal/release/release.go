package release

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/jtsl/jtsl/internal/diff"
	"github.com/jtsl/jtsl/internal/safefile"
)

// HistoryFiles are the files of a release kept under history/<seq>/.
var HistoryFiles = []string{FileXML, FileSHA2, FileJSON, FileJWS, FileSigner}

// Flags record how a release was made, in its manifest, so that a release
// signed with the development key, by a refused signer or by a new signer
// is visible.
type Flags struct {
	// JTSL is the jtsl that made the release (version, commit, date).
	JTSL            string `json:"jtsl"`
	DevelopmentKey  bool   `json:"development_key"`
	AllowWeakSigner bool   `json:"allow_weak_signer"`
	// Signer is the certificate that signed this release.
	Signer *diff.Signer `json:"signer,omitempty"`
	// NewSigner names the previous release's signer and this one's when
	// they differ (jtsl build --new-signer).
	NewSigner *diff.SignerChange `json:"new_signer,omitempty"`
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
	Flags
	Files []ManifestFile `json:"files"`
}

// File returns the entry of the file name (slash-separated), if listed.
func (m *Manifest) File(name string) (ManifestFile, bool) {
	for _, f := range m.Files {
		if f.Name == name {
			return f, true
		}
	}
	return ManifestFile{}, false
}

// ReadManifest reads the manifest of the release in out: nil when there
// is none, an error when it cannot be read or parsed.
func ReadManifest(out string) (*Manifest, error) {
	name := filepath.Join(out, FileManifest)
	b, err := os.ReadFile(name)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &m, nil
}

// CheckHistory compares every file under out/history with the manifest m
// of the release in out, and returns one line per difference: a file
// changed, missing, or not listed. History never changes once published,
// so any difference is damage.
func CheckHistory(out string, m *Manifest) []string {
	var probs []string
	listed := map[string]ManifestFile{}
	for _, f := range m.Files {
		if strings.HasPrefix(f.Name, DirHistory+"/") {
			listed[f.Name] = f
		}
	}
	seen := map[string]bool{}
	root := filepath.Join(out, DirHistory)
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			if p == root && errors.Is(err, os.ErrNotExist) {
				return filepath.SkipDir
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(out, p)
		if err != nil {
			return err
		}
		name := filepath.ToSlash(rel)
		seen[name] = true
		want, ok := listed[name]
		if !ok {
			probs = append(probs, fmt.Sprintf("%s: not listed in %s", name, FileManifest))
			return nil
		}
		sum, err := hashFile(p)
		switch {
		case err != nil:
			probs = append(probs, fmt.Sprintf("%s: %v", name, err))
		case sum.size != want.Size || sum.sha256 != want.SHA256:
			probs = append(probs, fmt.Sprintf("%s: its SHA-256 differs from %s's", name, FileManifest))
		}
		return nil
	})
	if err != nil {
		probs = append(probs, fmt.Sprintf("%s: %v", DirHistory, err))
	}
	for name := range listed {
		if !seen[name] {
			probs = append(probs, fmt.Sprintf("%s: missing", name))
		}
	}
	sort.Strings(probs)
	return probs
}

func hashFile(p string) (fileSum, error) {
	f, err := os.Open(p)
	if err != nil {
		return fileSum{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return fileSum{}, err
	}
	return fileSum{n, hex.EncodeToString(h.Sum(nil))}, nil
}

// A Dir is an output folder held for one build: the lock is taken, an
// interrupted publication is recovered, leftover staging folders are
// gone and the live release's history is intact.
type Dir struct {
	out      string
	lock     *safefile.Lock
	manifest *Manifest
	// Notes say what Open repaired (for the build's log).
	Notes []string
}

// lockName is the lock file of out: beside it (out itself is swapped),
// there only while a build holds it (safefile.TryLock and Unlock remove
// it safely), so a sources repository is left clean.
func lockName(out string) string {
	return filepath.Join(filepath.Dir(out), ".jtsl-lock-"+filepath.Base(out))
}

// Open takes out for a build. Another build publishing into out makes it
// fail at once (it never deletes the other's staging folder). An output
// folder whose history differs from its manifest is refused, as is one
// left in a state Open cannot repair without deleting a release.
func Open(out string) (*Dir, error) {
	out = filepath.Clean(out)
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", filepath.Dir(out), err)
	}
	lock, err := safefile.TryLock(lockName(out))
	if errors.Is(err, safefile.ErrLocked) {
		return nil, fmt.Errorf("%s: another jtsl build is publishing into it (%s is locked): wait for it to finish, then build again", out, lockName(out))
	}
	if err != nil {
		return nil, err
	}
	d := &Dir{out: out, lock: lock}
	if err := d.open(); err != nil {
		lock.Unlock()
		return nil, err
	}
	return d, nil
}

func (d *Dir) open() error {
	if err := d.recover(); err != nil {
		return err
	}
	if err := cleanStages(d.out); err != nil {
		return err
	}
	m, err := ReadManifest(d.out)
	if err != nil {
		return fmt.Errorf("previous release: %w: restore %s from a backup or the published site", err, FileManifest)
	}
	if m == nil {
		if _, err := os.Stat(filepath.Join(d.out, DirHistory)); err == nil {
			return fmt.Errorf("%s has a %s folder but no %s: its history cannot be checked; restore %s from a backup or the published site",
				d.out, DirHistory, FileManifest, FileManifest)
		}
		return nil
	}
	if probs := CheckHistory(d.out, m); len(probs) > 0 {
		return fmt.Errorf("previous release: the history in %s differs from its %s, so nothing was built:\n  %s\nrestore these files from a backup or the published site (history never changes once published)",
			d.out, FileManifest, strings.Join(probs, "\n  "))
	}
	d.manifest = m
	return nil
}

// Close releases the output folder.
func (d *Dir) Close() error { return d.lock.Unlock() }

// Manifest returns the live release's manifest, nil when there is none.
func (d *Dir) Manifest() *Manifest { return d.manifest }

// HighestHistory returns the highest sequence number under history/, or
// 0: a new release must be above it.
func (d *Dir) HighestHistory() int {
	entries, err := os.ReadDir(filepath.Join(d.out, DirHistory))
	if err != nil {
		return 0 // none (checked against the manifest by Open)
	}
	high := 0
	for _, e := range entries {
		n, err := strconv.Atoi(strings.TrimSpace(e.Name()))
		if err == nil && e.IsDir() && n > high {
			high = n
		}
	}
	return high
}

// A Staging is a release being written into a folder beside out. Each
// file is written as soon as it is made, and synced, read back and hashed
// on a goroutine of its own (the syncs dominate, and a large list's can
// overlap the work still to do): what goes live, and what the manifest
// hashes, is exactly what was built and checked. Nothing in out changes
// before Finish swaps the complete release in.
type Staging struct {
	d       *Dir
	dir     string
	files   []*stagedFile // in the order added
	history []string      // kept in history beside HistoryFiles (KeepInHistory)
}

// A stagedFile is a file being written; sum and err are set when done is
// closed.
type stagedFile struct {
	name string
	done chan struct{}
	sum  fileSum
	err  error
}

// Stage starts a new release.
func (d *Dir) Stage() (*Staging, error) {
	dir, err := newStage(d.out)
	if err != nil {
		return nil, err
	}
	return &Staging{d: d, dir: dir}, nil
}

// Add starts writing a file of the release.
func (s *Staging) Add(name string, data []byte) {
	f := &stagedFile{name: name, done: make(chan struct{})}
	s.files = append(s.files, f)
	file := filepath.Join(s.dir, filepath.FromSlash(name))
	mkErr := os.MkdirAll(filepath.Dir(file), 0o755)
	go func() {
		defer close(f.done)
		if mkErr != nil {
			f.err = mkErr
			return
		}
		f.sum, f.err = writeChecked(file, data)
	}()
}

// SHA256 waits for the file name (added last under that name) to be
// written, synced and read back, and returns the lowercase hex SHA-256 of
// the bytes read back, which are the bytes added: a caller that needs the
// digest of a file it published need not hash it again.
func (s *Staging) SHA256(name string) (string, error) {
	for _, f := range slices.Backward(s.files) {
		if f.name == name {
			<-f.done
			return f.sum.sha256, f.err
		}
	}
	return "", fmt.Errorf("%s: not added to the release", name)
}

// wait waits for the files being written and returns the sums by name, or
// the first error.
func (s *Staging) wait() (map[string]fileSum, error) {
	known := make(map[string]fileSum, len(s.files))
	var err error
	for _, f := range s.files {
		<-f.done
		err = cmp.Or(err, f.err)
		known[f.name] = f.sum
	}
	return known, err
}

// KeepInHistory adds files added to the release (slash-separated names)
// to those kept under history/<seq>/ beside HistoryFiles: the lists of
// trusted entities published with the J-TSL.
func (s *Staging) KeepInHistory(names ...string) { s.history = append(s.history, names...) }

// Abort removes the staging folder (a no-op after Finish has put it
// live). A folder it cannot remove is removed by the next build's Open.
func (s *Staging) Abort() {
	s.wait()
	os.RemoveAll(s.dir)
}

// Finish waits for the files, carries the history over unchanged, adds
// the index files and puts the release live.
func (s *Staging) Finish(seq int, flags Flags) error {
	known, err := s.wait()
	if err != nil {
		return err
	}
	out, stage := s.d.out, s.dir
	// History: earlier releases byte-for-byte (hard links), then this one.
	oldHist := filepath.Join(out, DirHistory)
	if _, err := os.Stat(oldHist); err == nil {
		err := filepath.WalkDir(oldHist, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, err := filepath.Rel(out, p)
			if err != nil {
				return err
			}
			return linkOrCopy(p, filepath.Join(stage, rel))
		})
		if err != nil {
			return fmt.Errorf("carry history over: %w", err)
		}
	}
	hist := append(HistoryFiles[:len(HistoryFiles):len(HistoryFiles)], s.history...)
	for _, name := range hist {
		dst := filepath.Join(stage, DirHistory, strconv.Itoa(seq), filepath.FromSlash(name))
		if err := linkOrCopy(filepath.Join(stage, filepath.FromSlash(name)), dst); err != nil {
			return fmt.Errorf("add release %d to history: %w", seq, err)
		}
	}
	for _, name := range hist {
		known[DirHistory+"/"+strconv.Itoa(seq)+"/"+name] = known[name]
	}
	// Earlier history was checked against the live manifest by Open:
	// its entries are taken over, not re-read.
	if m := s.d.manifest; m != nil {
		for _, f := range m.Files {
			if strings.HasPrefix(f.Name, DirHistory+"/") {
				known[f.Name] = fileSum{f.Size, f.SHA256}
			}
		}
	}
	if err := writeIndexFiles(stage, seq, flags, known); err != nil {
		return err
	}
	return swap(stage, out)
}

// writeIndexFiles writes manifest.json and _headers over everything else
// in the staging folder, with the sums in known (by slash-separated
// name); a file not there is hashed from the disk.
func writeIndexFiles(stage string, seq int, flags Flags, known map[string]fileSum) error {
	var names []string
	err := filepath.WalkDir(stage, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(stage, p)
		if err != nil {
			return err
		}
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
	m := Manifest{Version: 1, Sequence: seq, Flags: flags}
	for _, n := range names {
		sum, ok := known[n]
		if !ok {
			if sum, err = hashFile(filepath.Join(stage, filepath.FromSlash(n))); err != nil {
				return err
			}
		}
		m.Files = append(m.Files, ManifestFile{n, sum.size, sum.sha256, ContentType(n)})
	}
	js, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return writeFile(filepath.Join(stage, FileManifest), append(js, '\n'))
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
