package site

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/source"
	"github.com/jtsl/jtsl/internal/testtool"
)

func sample(t *testing.T) *model.List {
	set, diags, err := source.Load(filepath.Join(testtool.Root(), "sources"))
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags)
	}
	l := set.List
	l.Scheme.SequenceNumber = 3
	l.Scheme.ListIssueDateTime = time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	nu := l.Scheme.ListIssueDateTime.AddDate(0, 6, 0)
	l.Scheme.NextUpdate = &nu
	return l
}

func services(l *model.List) int {
	n := 0
	for _, p := range l.Providers {
		n += len(p.Services)
	}
	return n
}

func TestEscaping(t *testing.T) {
	l := sample(t)
	l.Providers[0].Name[0].Value = `<script>alert(1)</script> & ]]> "q"`
	var b bytes.Buffer
	if err := Render(&b, l, Options{XMLHref: "JP-TSL.xml"}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.Contains(out, "<script>") || strings.Contains(out, "]]>") {
		t.Error("text not escaped")
	}
	if !strings.Contains(out, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; ]]&gt;") {
		t.Error("escaped text missing")
	}
	if strings.Contains(out, "http://") && regexp.MustCompile(`<(link|script|img)[^>]+(src|href)="https?:`).MatchString(out) {
		t.Error("external asset")
	}
}

// TestChromium loads the page in headless Chromium: it renders, shows every
// service and logs no console error. The screenshot goes to
// JTSL_SCREENSHOT_DIR (or a temporary folder).
func TestChromium(t *testing.T) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		testtool.Skip(t, "chromium not installed (apt-get install chromium; make test installs it)")
	}
	dir := t.TempDir()
	l := sample(t)
	var b bytes.Buffer
	if err := Render(&b, l, Options{XMLHref: "JP-TSL.xml", JSONHref: "JP-TSL.json", SignerCertHref: "tlso.pem", SHA256: strings.Repeat("ab", 32)}); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(dir, "index.html")
	if err := os.WriteFile(page, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	shots := os.Getenv("JTSL_SCREENSHOT_DIR")
	if shots == "" {
		shots = dir
	}
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + filepath.Join(dir, "profile"), "--enable-logging=stderr", "--v=0", "--virtual-time-budget=2000"}
	dom := exec.Command(chromium, append(base, "--dump-dom", "file://"+page)...)
	var stderr bytes.Buffer
	dom.Stderr = &stderr
	out, err := dom.Output()
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	if got, want := strings.Count(string(out), `<article class="service"`), services(l); got != want {
		t.Errorf("page shows %d services, want %d", got, want)
	}
	if regexp.MustCompile(`(?i)CONSOLE.*(error|Uncaught)`).Match(stderr.Bytes()) {
		t.Errorf("console errors:\n%s", stderr.String())
	}
	shot := filepath.Join(shots, "jtsl-index-phone.png")
	cmd := exec.Command(chromium, append(base, "--window-size=390,1600", "--screenshot="+shot, "file://"+page)...)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("screenshot: %v\n%s", err, msg)
	}
	if fi, err := os.Stat(shot); err != nil || fi.Size() == 0 {
		t.Fatalf("no screenshot: %v", err)
	}
	t.Logf("screenshot: %s", shot)
}
