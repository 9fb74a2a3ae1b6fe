package publish

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/diff"
	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/lint"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/release"
	"github.com/jtsl/jtsl/internal/site"
	"github.com/jtsl/jtsl/internal/source"
	"github.com/jtsl/jtsl/internal/version"
)

// Options configure one build. Time is injected (IssueTime); nothing here
// reads the clock or the environment.
type Options struct {
	Sources string // sources folder
	Out     string // output folder, replaced atomically
	// Previous is the release the sequence number continues from; empty
	// means Out/JP-TSL.xml when it exists.
	Previous string

	// Key signs the list. When nil, DevKeyDir must name the folder of the
	// development key, which is created once and reused.
	Key       *keys.Key
	DevKeyDir string

	IssueTime time.Time
	// Reissue publishes even when the content is unchanged (NextUpdate
	// refresh, clause 5.3.15), with the next sequence number.
	Reissue bool
	// AllowWeakSigner lets a signer certificate that fails the profile
	// check sign anyway. For tests only; every use is warned about and
	// recorded in the manifest.
	AllowWeakSigner bool
	// NewSigner allows a signer certificate other than the previous
	// release's; the change report and the manifest name both.
	NewSigner bool
	// Now is the current time, against which the issue time is checked
	// (zero: not checked).
	Now time.Time
	// Log receives warnings and progress (stderr in the CLI).
	Log io.Writer
	// Loaded, when set, is told the number of services once the sources
	// are loaded, before the memory-heavy stages (the CLI sizes the
	// garbage collector's soft memory limit from it).
	Loaded func(services int)
	// Timings, when set, receives the wall time at the end of each stage
	// (JTSL_DEBUG=1 in the CLI): where a large build spends its time.
	Timings io.Writer
}

// A Result describes what Build did.
type Result struct {
	// Written is false when the content was unchanged and nothing was
	// published.
	Written  bool
	Sequence int
	List     *model.List
	SHA256   string // of the published XML
	// Changes against the previous release (nil for the first release).
	Changes *diff.Report
	// Findings are the lint warnings that did not stop the build.
	Findings diag.List
	// LoTEs are the lists of trusted entities published with the list.
	LoTEs []LoTEResult
}

// LoTEServiceWeight is how many trusted list services' memory a list of
// trusted entities' service holds at the build's peak, for sizing the
// collector's soft memory limit (Options.Loaded): both bindings are
// signed and read again (a 10 000-entity list: ≈ 240 MB live at its
// peak, 0.95 GB of heap when the collector is not pressed). Under the
// one-service J-TSL's limit its build spent two thirds of its time
// collecting garbage (27 s → 10 s wall). Measured at 10 000 entities
// since the loaded sources are let go once checked, at 28 KiB a service:
// three (820 MB) costs no more CPU than six; two (550 MB) 5 % more, one
// and a half 15 %. At the CLI's 18 KiB a service, five is that three.
const LoTEServiceWeight = 5

// largeList is the size of a signed list (bytes) above which a build
// collects garbage before its self-verification (Build): ≈ 450 services.
const largeList = 1 << 20

// Build compiles, signs, checks and publishes the sources. An error of
// type diag.List means invalid input; out is untouched on any error.
func Build(opts Options) (*Result, error) {
	if opts.Key == nil && opts.DevKeyDir == "" {
		return nil, errors.New("no signing key")
	}
	c, done, err := compile(&opts)
	if c == nil {
		return done, err
	}
	defer c.dir.Close()
	dir, l, res, known, issue, stage := c.dir, c.list, c.res, c.known, c.issue, c.stage
	seq := l.Scheme.SequenceNumber
	key := opts.Key
	devKey := key == nil
	if devKey {
		key, err = developmentKey(opts, l)
		if err != nil {
			return nil, err
		}
	}
	weak, err := checkSigner(opts, key, l)
	if err != nil {
		return nil, err
	}
	change, err := checkContinuity(opts, c.prev, key.Cert)
	if err != nil {
		return nil, err
	}
	if res.Changes != nil {
		res.Changes.Signer = change
	}

	waitLoTEs := c.lotes.signBeside(key, issue)
	defer waitLoTEs()
	signed, err := signList(l, key.Signer, key.Cert, issue)
	if err != nil {
		return nil, err
	}
	stage("sign")

	// The list is written to the staging folder while it is checked
	// (writing a large one takes as long as the checks); the release
	// goes live only when every check has passed and every file is there.
	st, err := dir.Stage()
	if err != nil {
		return nil, err
	}
	defer st.Abort()
	st.Add(release.FileXML, signed)

	// The signed list is checked before the other files are made: each
	// step uses both cores inside, and one after the other they hold less
	// memory at once (measured: same wall time, a quarter less peak).
	// For a large list, a collection now marks what the build still holds
	// (≈ 40 MB at 10 000 services: the list and its signed bytes), the
	// signing's encoding tree being garbage; left to the pacer, one fell in
	// the middle of the self-verification and marked its parsed tree too
	// (≈ 140 MB, the costliest collection of a build). A small list's
	// build does not collect here at all.
	if len(signed) > largeList {
		runtime.GC()
	}
	if err := selfVerify(signed, l, key.Cert, issue); err != nil {
		return nil, fmt.Errorf("self-verification: %w", err)
	}
	// The digest of what was written and read back: the signed bytes,
	// not hashed a second time.
	if res.SHA256, err = st.SHA256(release.FileXML); err != nil {
		return nil, err
	}
	stage("self-verify")
	page, err := c.rec.add(st, l, key.Cert, known)
	if err != nil {
		return nil, err
	}
	page.DevelopmentKey, page.WeakSigner, page.LoTEs = devKey, weak, c.lotes.page()
	if err := waitLoTEs(); err != nil {
		return nil, err
	}
	if err := c.lotes.add(st, page.LoTEs); err != nil {
		return nil, err
	}
	err = addReleaseFiles(st, l, res.SHA256, key.Cert, page,
		func(add func(string, []byte)) error { return mirrorFiles(l, key, add) })
	stage("mirror+page")
	if err != nil {
		return nil, err
	}
	me := signerOf(key.Cert)
	flags := release.Flags{JTSL: version.Get().String(), DevelopmentKey: devKey, AllowWeakSigner: opts.AllowWeakSigner,
		Signer: &me, NewSigner: change}
	if err := st.Finish(seq, flags); err != nil {
		return nil, err
	}
	stage("publish")
	res.Written = true
	res.Sequence = seq
	res.List = l
	return res, nil
}

// openOut takes the output folder (see release.Open), saying in the log
// what it repaired.
func openOut(out string, log io.Writer) (*release.Dir, error) {
	dir, err := release.Open(out)
	if err != nil {
		return nil, err
	}
	for _, n := range dir.Notes {
		fmt.Fprintf(log, "%s\n", n)
	}
	return dir, nil
}

// compiled is a list ready to be signed: loaded, checked, numbered.
type compiled struct {
	dir   *release.Dir // the output folder, held: the caller closes it
	list  *model.List
	res   *Result
	known map[[sha256.Size]byte]site.CertSummary // see compile
	issue time.Time
	prev  *previous // nil for a first release
	rec   recognition
	lotes *loteBuild // nil: the sources have none
	stage func(name string)
}

// compile takes the output folder, loads and checks the sources and
// numbers the list after the previous release: what Build and Prepare do
// before anything is signed (opts gets its defaults). The folder stays
// held (compiled.dir) unless an error is returned, or the content is the
// previous release's and opts.Reissue is not set: then there is nothing
// to do, and done is the previous release's Result.
func compile(opts *Options) (_ *compiled, done *Result, err error) {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	issue := opts.IssueTime.UTC().Truncate(time.Second)
	if issue.IsZero() {
		return nil, nil, errors.New("no issue time")
	}
	if err := notAhead("issue time", issue, opts.Now, issueTimeHint); err != nil {
		return nil, nil, err
	}
	// The output folder is held from here to the end of the build: no
	// other build publishes into it meanwhile, and its history is intact.
	dir, err := openOut(opts.Out, opts.Log)
	if err != nil {
		return nil, nil, err
	}
	defer func() {
		if err != nil {
			dir.Close()
		}
	}()

	// The previous release (parsed and verified) is read while the
	// sources are loaded and checked: neither depends on the other.
	var prev *previous
	var perr error
	var wg sync.WaitGroup
	wg.Go(func() { prev, perr = loadPrevious(*opts) })
	defer wg.Wait() // never leave it running past an early return

	start := time.Now()
	stage := func(name string) {
		if opts.Timings != nil {
			fmt.Fprintf(opts.Timings, "timing: %-12s %6.0f ms\n", name, float64(time.Since(start).Microseconds())/1000)
		}
	}
	waitLoTEs := loadLoTEsBeside(opts.Sources, issue)
	defer waitLoTEs()
	set, findings, err := source.Load(opts.Sources)
	stage("load")
	if err != nil {
		return nil, nil, err
	}
	if findings.HasErrors() {
		findings.Sort()
		return nil, nil, findings.Errors()
	}
	l := set.List
	if opts.Loaded != nil {
		n := 0
		for _, t := range l.Providers {
			n += len(t.Services)
		}
		opts.Loaded(n)
	}
	l.Scheme.VersionIdentifier = model.Version6
	l.Scheme.ListIssueDateTime = issue
	if set.NextUpdateMonths > 0 {
		next := issue.AddDate(0, set.NextUpdateMonths, 0)
		l.Scheme.NextUpdate = &next
	}

	lintFindings := lint.Check(set, lint.Options{IssueTime: issue, NextUpdate: nextOrZero(l)})
	lintFindings.Sort()
	stage("lint")
	if lintFindings.HasErrors() {
		return nil, nil, lintFindings.Errors()
	}
	set.DropNodes() // the rest of the build needs no source positions
	res := &Result{Findings: lintFindings}
	// The page shows each service certificate's subject and validity:
	// kept from the parsed certificates in a few bytes each, which are
	// let go with the rest of set (their notes are in rec).
	known := make(map[[sha256.Size]byte]site.CertSummary)
	for _, c := range set.Certificates() {
		known[sha256.Sum256(c.Raw)] = site.Summarize(c)
	}
	lotes, loteFindings, err := waitLoTEs()
	if err != nil {
		return nil, nil, err
	}
	res.Findings = append(res.Findings, loteFindings...)
	lotes.knownCerts(known)
	if opts.Loaded != nil && lotes != nil {
		n := LoTEServiceWeight * lotes.services()
		for _, t := range l.Providers {
			n += len(t.Services)
		}
		opts.Loaded(n)
	}

	rec, err := recognitionOf(set)
	if err != nil {
		return nil, nil, err
	}

	wg.Wait()
	if perr != nil {
		return nil, nil, perr
	}
	loteChanges, loteRemoved, err := lotes.changes(prev)
	if err != nil {
		return nil, nil, err
	}
	seq := 1
	if prev != nil {
		if err := checkSameScheme(prev, l); err != nil {
			return nil, nil, err
		}
		if issue.Before(prev.list.Scheme.ListIssueDateTime) {
			return nil, nil, fmt.Errorf("issue time %s is before the previous release's %s: a list is never back-dated (TS 119 612 clause 5.3.14)",
				issue.Format(model.TimeLayout), prev.list.Scheme.ListIssueDateTime.Format(model.TimeLayout))
		}
		seq = prev.list.Scheme.SequenceNumber + 1
		// The content changed when, and only when, the change report
		// says so: a new sequence never ships with an empty report. The
		// report covers the files beside the list the sources determine,
		// the lists of trusted entities among them.
		res.Changes = diff.Compare(prev.list, l)
		if res.Changes.Files, err = rec.changes(prev, l); err != nil {
			return nil, nil, err
		}
		res.Changes.Files = append(res.Changes.Files, loteChanges...)
		if res.Changes.Empty() && !opts.Reissue {
			res.Sequence = prev.list.Scheme.SequenceNumber
			res.List = prev.list
			dir.Close()
			return nil, res, nil
		}
	}
	if h := dir.HighestHistory(); h >= seq {
		return nil, nil, fmt.Errorf("sequence number %d would repeat or go below %s/%d: a sequence number never decreases or repeats (TS 119 612 clause 5.3.2)", seq, release.DirHistory, h)
	}
	l.Scheme.SequenceNumber = seq
	if l.ID == "" {
		l.ID = fmt.Sprintf("JP-TL-%d", seq)
	}
	if res.Changes != nil { // the report names the release it is about
		res.Changes.New.Sequence, res.Changes.New.ID = seq, l.ID
	}
	res.LoTEs = slices.Concat(lotes.resultsOrNil(), loteRemoved)
	return &compiled{dir: dir, list: l, res: res, known: known, issue: issue, prev: prev, stage: stage, rec: rec, lotes: lotes}, nil, nil
}

// addKnown adds the page's summary of certs, with what the sources note
// of each (sample or source), to known.
func addKnown(known map[[sha256.Size]byte]site.CertSummary, certs []*x509.Certificate, notes map[[sha256.Size]byte]source.CertNote) {
	for _, c := range certs {
		sum := sha256.Sum256(c.Raw)
		cs := site.Summarize(c)
		cs.Sample, cs.Source = notes[sum].Sample, notes[sum].Source
		known[sum] = cs
	}
}

func nextOrZero(l *model.List) time.Time {
	if l.Scheme.NextUpdate == nil {
		return time.Time{}
	}
	return *l.Scheme.NextUpdate
}

// checkSigner runs the TLSO certificate profile check of TS 119 612
// clause 5.7.1 before anything is signed.
// checkSigner checks the signer certificate's profile; weak says it
// failed and --allow-weak-signer let it sign.
func checkSigner(opts Options, key *keys.Key, l *model.List) (weak bool, err error) {
	errs, warns := keys.CheckProfile(key.Cert, signerProfile(l))
	if w := keys.SchemeWarning(key.Cert, keys.UsesPSS(key.Signer)); w != nil {
		warns = append(warns, w)
	}
	for _, w := range warns {
		fmt.Fprintf(opts.Log, "WARNING: signer certificate: %v\n", w)
	}
	if len(errs) == 0 {
		return false, nil
	}
	if opts.AllowWeakSigner {
		for _, e := range errs {
			fmt.Fprintf(opts.Log, "WARNING: --allow-weak-signer: signing despite: %v\n", e)
		}
		return true, nil
	}
	all := make([]error, len(errs))
	for i, e := range errs {
		all[i] = e
	}
	return false, fmt.Errorf("signer certificate refused (TS 119 612 clause 5.7.1):\n%w", errors.Join(all...))
}

// signerProfile is what the TLSO certificate must match for list l.
func signerProfile(l *model.List) keys.Profile {
	// English first: the development key puts the first name in O=.
	names := []string{}
	if en := l.Scheme.OperatorName.Get("en"); en != "" {
		names = append(names, en)
	}
	for _, n := range l.Scheme.OperatorName {
		if n.Lang != "en" {
			names = append(names, n.Value)
		}
	}
	return keys.Profile{
		Territory:     l.Scheme.Territory,
		OperatorNames: names,
		IssueTime:     l.Scheme.ListIssueDateTime,
		NextUpdate:    nextOrZero(l),
	}
}

// developmentKey opens (creating once) the development key and says loudly
// that the list is signed with it.
func developmentKey(opts Options, l *model.List) (*keys.Key, error) {
	key, created, err := keys.DevKey(opts.DevKeyDir, signerProfile(l), l.Scheme.ListIssueDateTime)
	if err != nil {
		return nil, fmt.Errorf("development key: %w", err)
	}
	if created {
		fmt.Fprintf(opts.Log, "created a development key in %s\n", opts.DevKeyDir)
	}
	fmt.Fprintf(opts.Log, "WARNING: the list is signed with a DEVELOPMENT KEY (%s), not the scheme operator's key: do not publish it\n", opts.DevKeyDir)
	return key, nil
}

// pemCert encodes a certificate as PEM.
func pemCert(c *x509.Certificate) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})
}

// readIfExists returns a file's bytes, or nil when it does not exist.
func readIfExists(name string) ([]byte, error) {
	b, err := os.ReadFile(name)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	return b, err
}
