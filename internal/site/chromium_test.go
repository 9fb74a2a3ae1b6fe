package site

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/jtsl/jtsl/internal/testtool"
)

// chromium returns the headless browser, skipping (failing under CI) when
// it is not installed.
func chromium(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("chromium")
	if err != nil {
		testtool.Skip(t, "chromium not installed (apt-get install -y chromium; make test installs it)")
	}
	return p
}

// browse runs headless Chromium on a page with the given extra flags and
// returns stdout and the page's console messages. Every flag that would
// reach the network or a profile is off.
func browse(t *testing.T, page string, extra ...string) (string, []string) {
	t.Helper()
	args := append([]string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir(), "--virtual-time-budget=2000",
		"--enable-logging=stderr", "--v=0",
	}, extra...)
	cmd := exec.Command(chromium(t), append(args, "file://"+page)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	// Chromium logs every console message — console.error, uncaught
	// exceptions, failed loads — as INFO:CONSOLE whatever its level.
	return stdout.String(), regexp.MustCompile(`(?m)^.*:CONSOLE[:(].*$`).FindAllString(stderr.String(), -1)
}

// probe is a page that shows the page in a frame of a given size (Chromium
// lays a headless window out at least 500 px wide, so a phone is a frame)
// and, after layout, records the number of service rows, the frame width
// and any element wider than the frame on its root element, which
// --dump-dom then prints. The page itself has no script.
const probe = `<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="index.html" style="border:0;width:%dpx;height:%dpx"></iframe>
<script>
document.getElementById("f").addEventListener("load", function () {
  var w = this.contentWindow, doc = w.document, d = document.documentElement, wide = [];
  doc.querySelectorAll("body *").forEach(function (e) {
    if (e.getBoundingClientRect().right > w.innerWidth + 1) wide.push(e.tagName + "." + e.className + " " + JSON.stringify(e.textContent.slice(0, 40)));
  });
  d.setAttribute("data-services", doc.querySelectorAll("article.service").length);
  d.setAttribute("data-width", w.innerWidth);
  d.setAttribute("data-overflow", doc.documentElement.scrollWidth > w.innerWidth);
  d.setAttribute("data-wide", wide.slice(0, 5).join(" "));
});
</script></body></html>`

func attr(dom, name string) string {
	m := regexp.MustCompile(name + `="([^"]*)"`).FindStringSubmatch(dom)
	if m == nil {
		return ""
	}
	return m[1]
}

// TestChromium loads the page of the sample in headless Chromium on a
// phone-sized and a desktop-sized window: the DOM shows every service, no
// console message appears, nothing is wider than the screen. Screenshots
// go to JTSL_SCREENSHOT_DIR (else a temporary folder) and must show more
// than a blank page.
func TestChromium(t *testing.T) {
	chromium(t)
	l := fixture(t)
	services := 0
	for _, p := range l.Providers {
		services += len(p.Services)
	}
	dir := t.TempDir()
	opts := options(t, l)
	opts.Terms = terms(t) // the vocabulary and mapping tables, wide ones
	html := render(t, l, opts)
	page := filepath.Join(dir, "index.html")
	if err := os.WriteFile(page, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	shots := os.Getenv("JTSL_SCREENSHOT_DIR")
	if shots == "" {
		shots = t.TempDir()
	}

	for _, size := range []struct {
		name string
		w, h int
	}{{"phone", 390, 844}, {"desktop", 1280, 900}} {
		t.Run(size.name, func(t *testing.T) {
			window := fmt.Sprintf("--window-size=%d,%d", size.w, size.h)
			dom, console := browse(t, page, window, "--dump-dom")
			if got := strings.Count(dom, `<article class="service">`); got != services {
				t.Errorf("DOM has %d service rows, the list has %d", got, services)
			}
			if len(console) > 0 {
				t.Errorf("console messages:\n%s", strings.Join(console, "\n"))
			}

			probed := filepath.Join(dir, "probe-"+size.name+".html")
			if err := os.WriteFile(probed, []byte(fmt.Sprintf(probe, size.w, size.h)), 0o644); err != nil {
				t.Fatal(err)
			}
			dom, _ = browse(t, probed, window, "--allow-file-access-from-files", "--dump-dom")
			if got := attr(dom, "data-services"); got != strconv.Itoa(services) {
				t.Errorf("after layout: %q service rows, want %d", got, services)
			}
			if got := attr(dom, "data-width"); got != strconv.Itoa(size.w) {
				t.Errorf("viewport %q px wide, want %d", got, size.w)
			}
			if attr(dom, "data-overflow") != "false" {
				t.Errorf("the page scrolls sideways at %d px; too wide: %s", size.w, attr(dom, "data-wide"))
			}

			shot := filepath.Join(shots, "jtsl-index-"+size.name+".png")
			browse(t, page, window, "--hide-scrollbars", "--screenshot="+shot)
			checkScreenshot(t, shot, size.w, size.h)
			t.Logf("screenshot: %s", shot)
		})
	}
}

// checkScreenshot decodes a PNG and requires the window size and some
// ink: a page that failed to render is a blank white image.
func checkScreenshot(t *testing.T, file string, w, h int) {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if b := img.Bounds(); b.Dx() != w || b.Dy() != h {
		t.Errorf("screenshot is %dx%d, want %dx%d", b.Dx(), b.Dy(), w, h)
	}
	if ink := inked(img); ink < 0.02 {
		t.Errorf("screenshot is %.1f%% ink: blank page?", 100*ink)
	}
}

// inked is the share of pixels that are not white.
func inked(img image.Image) float64 {
	b := img.Bounds()
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if c := color.GrayModel.Convert(img.At(x, y)).(color.Gray); c.Y < 245 {
				n++
			}
		}
	}
	return float64(n) / float64(b.Dx()*b.Dy())
}

// TestChromiumSeesConsoleErrors proves the console check can fail: a page
// with a script error must produce console messages.
func TestChromiumSeesConsoleErrors(t *testing.T) {
	chromium(t)
	page := filepath.Join(t.TempDir(), "bad.html")
	bad := `<!DOCTYPE html><html><body><script>console.error("boom"); null.x;</script></body></html>`
	if err := os.WriteFile(page, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	_, console := browse(t, page, "--dump-dom")
	joined := strings.Join(console, "\n")
	if !strings.Contains(joined, "boom") || !strings.Contains(joined, "Uncaught") {
		t.Errorf("console messages not seen; got:\n%s", joined)
	}
}
