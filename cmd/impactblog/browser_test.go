package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// reloadBound is how soon an open page must show a saved change (the
// issue's bound; in practice it takes well under a second).
const reloadBound = 2 * time.Second

// findBrowser returns Chromium's path. Without one the test fails on CI
// (CI=true), where .ci/deps installs it, and is skipped, loudly, elsewhere.
func findBrowser(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("IMPACTBLOG_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "NO BROWSER: the end-to-end test of `impactblog serve` needs Chromium. Install it with `bash .ci/deps` (Debian's chromium package) or set IMPACTBLOG_CHROMIUM."
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Log(strings.Repeat("!", 72))
	t.Log(msg)
	t.Log(strings.Repeat("!", 72))
	t.Skip("no browser: " + msg)
	return ""
}

// newBrowser starts headless Chromium with a fresh profile and returns a tab.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	path := findBrowser(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.WindowSize(1100, 800),
	}
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox) // Chromium refuses to run as root with its sandbox
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		t.Fatalf("starting %s: %v", path, err)
	}
	return ctx
}

// waitJS evaluates the JavaScript boolean expression js in the page until it
// is true, for at most bound. The page may reload meanwhile: errors while it
// does are retried.
func waitJS(t *testing.T, ctx context.Context, js string, bound time.Duration, what string) {
	t.Helper()
	deadline := time.Now().Add(bound)
	var lastErr error
	for time.Now().Before(deadline) {
		ectx, cancel := context.WithTimeout(ctx, time.Second)
		ok, err := chromedp.Run(ectx, chromedp.Evaluate[bool](js))
		cancel()
		if err == nil && ok {
			return
		}
		lastErr = err
		time.Sleep(20 * time.Millisecond)
	}
	body, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
	t.Fatalf("%s: not within %s (last error: %v)\npage text:\n%s", what, bound, lastErr, body)
}

func jsString(s string) string { return fmt.Sprintf("%q", s) }

func bodyHas(s string) string {
	return "document.body !== null && document.body.innerText.includes(" + jsString(s) + ")"
}

// TestBrowser drives Chromium against `impactblog serve`: a saved change
// shows in the open page without any action in the browser, a broken post
// shows the overlay, the fix removes it, a new post appears on the index and
// a stylesheet change restyles the page without reloading it.
func TestBrowser(t *testing.T) {
	ctx := newBrowser(t)
	dir := smallBlog(t)
	r := startServe(t, dir, 0) // the watcher's default quiet period, as in use

	if err := chromedp.Do(ctx, chromedp.Navigate(r.url+"posts/first/")); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, bodyHas("The first text."), 10*time.Second, "post page")
	waitListening(t, r)

	t.Run("edit", func(t *testing.T) {
		atomicWrite(t, dir, "posts/first.md", testPost("First post", "The text as edited on disk."))
		waitJS(t, ctx, bodyHas("The text as edited on disk."), reloadBound, "edited text shown")
	})

	t.Run("broken front matter", func(t *testing.T) {
		writeFile(t, dir, "posts/first.md", "---\ntitle: First post\ndate: 2021-13-45\n---\nBroken.\n")
		waitJS(t, ctx, `(function(){var o=document.getElementById("impactblog-problems");return o!==null&&o.innerText.includes("posts/first.md:3:")})()`,
			reloadBound, "overlay naming posts/first.md:3")
		overlay, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("impactblog-problems").innerText`))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(r.stdout.String(), "posts/first.md:3:") {
			t.Errorf("the terminal does not show the problem")
		}
		for _, line := range strings.Split(r.stdout.String(), "\n") {
			if strings.HasPrefix(line, "posts/first.md:3:") && !strings.Contains(overlay, line) {
				t.Errorf("overlay lacks the terminal's line %q:\n%s", line, overlay)
			}
		}
		waitJS(t, ctx, bodyHas("The text as edited on disk."), time.Second, "last good page still under the overlay")
		if p := os.Getenv("IMPACTBLOG_SCREENSHOT"); p != "" {
			png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	})

	t.Run("fixed", func(t *testing.T) {
		atomicWrite(t, dir, "posts/first.md", testPost("First post", "Fixed and saved."))
		waitJS(t, ctx, `document.getElementById("impactblog-problems")===null&&`+bodyHas("Fixed and saved."), reloadBound, "overlay gone, fix shown")
	})

	t.Run("claims warning", func(t *testing.T) {
		atomicWrite(t, dir, "posts/first.md", testPost("First post", "Our packaging is eco-friendly."))
		waitJS(t, ctx, `(function(){var w=document.getElementById("impactblog-warnings");return w!==null&&w.innerText.includes("1 warning")&&w.textContent.includes("generic-claim: \"eco-friendly\"")&&w.querySelector("a[href^='https://']")!==null})()`,
			reloadBound, "warnings banner with the finding and its source link")
		waitJS(t, ctx, bodyHas("Our packaging is eco-friendly."), time.Second, "the page itself under the banner")
		atomicWrite(t, dir, "posts/first.md", testPost("First post", "Fixed and saved."))
		waitJS(t, ctx, `document.getElementById("impactblog-warnings")===null&&`+bodyHas("Fixed and saved."), reloadBound, "banner gone")
	})

	t.Run("draft and scheduled banners", func(t *testing.T) {
		atomicWrite(t, dir, "posts/a-draft.md", "---\ntitle: A draft\ndate: 2021-02-01\ndraft: true\n---\nNot yet.\n")
		atomicWrite(t, dir, "posts/later.md", "---\ntitle: Later\ndate: 2999-01-01\n---\nOne day.\n")
		for _, tt := range []struct{ url, note string }{
			{"posts/a-draft/", "Draft: this post is not published yet."},
			{"posts/later/", "Scheduled for 1 January 2999"},
		} {
			deadline := time.Now().Add(10 * time.Second)
			for {
				if err := chromedp.Do(ctx, chromedp.Navigate(r.url+tt.url)); err != nil {
					t.Fatal(err)
				}
				if ok, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](bodyHas(tt.note))); ok || time.Now().After(deadline) {
					break
				}
				time.Sleep(50 * time.Millisecond) // the rebuild of the new files
			}
			waitJS(t, ctx, `document.querySelector(".draft-note")!==null&&`+bodyHas(tt.note), time.Second, tt.url+" note")
		}
		// Leave the page first: its reload on the removal below would
		// race the next subtest's navigation.
		if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
			t.Fatal(err)
		}
		os.Remove(filepath.Join(dir, "posts", "a-draft.md"))
		os.Remove(filepath.Join(dir, "posts", "later.md"))
	})

	t.Run("new post on the index", func(t *testing.T) {
		if err := chromedp.Do(ctx, chromedp.Navigate(r.url)); err != nil {
			t.Fatal(err)
		}
		waitJS(t, ctx, bodyHas("First post"), 10*time.Second, "index")
		waitListening(t, r)
		writeFile(t, dir, "posts/brand-new.md", testPost("A brand new post", "Hello."))
		waitJS(t, ctx, bodyHas("A brand new post"), reloadBound, "new post on the index")
	})

	t.Run("stylesheet without reload", func(t *testing.T) {
		waitListening(t, r)
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.notReloaded = true`)); err != nil {
			t.Fatal(err)
		}
		writeFile(t, dir, "templates/static/style.css", "body { background-color: rgb(1, 2, 3); }\n")
		waitJS(t, ctx, `getComputedStyle(document.body).backgroundColor === "rgb(1, 2, 3)"`, reloadBound, "new style applied")
		if still, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.notReloaded === true`)); err != nil || !still {
			t.Errorf("the page reloaded for a stylesheet change (%v)", err)
		}
	})
}

// waitListening waits until the open page's live-reload stream is connected.
func waitListening(t *testing.T, r *running) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); r.srv.Listeners() == 0; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the page did not open its live-reload stream")
		}
	}
}
